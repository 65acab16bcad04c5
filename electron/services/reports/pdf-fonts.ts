// The report's typeface: Tinos from the bundled @fontsource/tinos package (SIL Open Font
// License 1.1). Tinos has the metrics of Times New Roman, the face Decree 30/2020/NĐ-CP asks
// for and the one every office PC has, so the PDF breaks lines and pages where Word would,
// and the Excel report's row heights and column widths are measured with it (xlsx-metrics.ts).
// Found through module resolution so the same code works from the CLI, the web host and
// inside Electron's app.asar. Fontsource splits the face into unicode subsets: "latin" holds
// ASCII and the accented letters Vietnamese shares with French (à, é, ô…), "vietnamese" holds
// the rest (ă, đ, ơ, ư, ạ…ỹ), so every style needs both files (see pdf-text.ts).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';

export type FontStyle = 'regular' | 'bold' | 'italic';
export type FontSubset = 'latin' | 'vietnamese';

const FILE_SUFFIX: Record<FontStyle, string> = { regular: '400-normal', bold: '700-normal', italic: '400-italic' };

export type ReportFontFiles = Record<FontStyle, Record<FontSubset, Buffer>>;

/** The package whose files the report reads; the packaged app must ship its WOFF files. */
export const REPORT_FONT_PACKAGE = '@fontsource/tinos';

export function fontFileName(subset: FontSubset, style: FontStyle): string {
  return `tinos-${subset}-${FILE_SUFFIX[style]}.woff`;
}

/**
 * The TrueType font inside a WOFF 1.0 file: its tables inflated and laid out as an sfnt.
 * fontkit reads WOFF itself, but inflates a table again each time it looks at it, and
 * subsetting looks at the glyph table once per glyph: unwrapped once here, a report's fonts
 * cost a few milliseconds instead of most of its rendering time.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 font');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const stored = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? zlib.inflateSync(stored) : stored;
    if (data.length !== origLength) throw new Error('damaged WOFF table');
    return { tag: woff.readUInt32BE(at), checksum: woff.readUInt32BE(at + 16), data };
  });
  const pad4 = (n: number) => (n + 3) & ~3;
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const headerSize = 12 + numTables * 16;
  const out = Buffer.alloc(headerSize + tables.reduce((a, t) => a + pad4(t.data.length), 0));
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(numTables * 16 - searchRange, 10);
  let offset = headerSize;
  tables.forEach((t, i) => {
    const at = 12 + i * 16;
    out.writeUInt32BE(t.tag, at);
    out.writeUInt32BE(t.checksum, at + 4);
    out.writeUInt32BE(offset, at + 8);
    out.writeUInt32BE(t.data.length, at + 12);
    t.data.copy(out, offset);
    offset += pad4(t.data.length);
  });
  return out;
}

/** Fonts already read, per folder (undefined: the package): a report is made many times a day. */
const loaded = new Map<string | undefined, ReportFontFiles>();

/** Reads the six WOFF files as TrueType; `fontDir` overrides module resolution (a packaged app's resources). */
export function loadReportFonts(fontDir?: string): ReportFontFiles {
  const cached = loaded.get(fontDir);
  if (cached) return cached;
  const resolve = fontDir
    ? (name: string) => path.join(fontDir, name)
    : (name: string) => createRequire(import.meta.url).resolve(`${REPORT_FONT_PACKAGE}/files/${name}`);
  const read = (subset: FontSubset, style: FontStyle) => woffToSfnt(fs.readFileSync(resolve(fontFileName(subset, style))));
  const styles: FontStyle[] = ['regular', 'bold', 'italic'];
  const fonts = Object.fromEntries(styles.map((s) => [s, { latin: read('latin', s), vietnamese: read('vietnamese', s) }])) as ReportFontFiles;
  loaded.set(fontDir, fonts);
  return fonts;
}
