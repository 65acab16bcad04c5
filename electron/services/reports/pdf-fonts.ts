// The PDF's typeface: Be Vietnam Pro from the bundled @fontsource package, found through
// module resolution so the same code works from the CLI, the web host and inside Electron's
// app.asar. Fontsource splits the face into unicode subsets: "latin" holds ASCII and the
// accented letters Vietnamese shares with French (à, é, ô…), "vietnamese" holds the rest
// (ă, đ, ơ, ư, ạ…ỹ), so every style needs both files (see pdf-text.ts).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type FontStyle = 'regular' | 'bold' | 'italic';
export type FontSubset = 'latin' | 'vietnamese';

const FILE_SUFFIX: Record<FontStyle, string> = { regular: '400-normal', bold: '700-normal', italic: '400-italic' };

export type ReportFontFiles = Record<FontStyle, Record<FontSubset, Buffer>>;

export function fontFileName(subset: FontSubset, style: FontStyle): string {
  return `be-vietnam-pro-${subset}-${FILE_SUFFIX[style]}.woff`;
}

/** Reads the six WOFF files; `fontDir` overrides module resolution (a packaged app's resources). */
export function loadReportFonts(fontDir?: string): ReportFontFiles {
  const resolve = fontDir
    ? (name: string) => path.join(fontDir, name)
    : (name: string) => createRequire(import.meta.url).resolve(`@fontsource/be-vietnam-pro/files/${name}`);
  const read = (subset: FontSubset, style: FontStyle) => fs.readFileSync(resolve(fontFileName(subset, style)));
  const styles: FontStyle[] = ['regular', 'bold', 'italic'];
  return Object.fromEntries(styles.map((s) => [s, { latin: read('latin', s), vietnamese: read('vietnamese', s) }])) as ReportFontFiles;
}
