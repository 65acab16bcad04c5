// The reports' font must reach the packaged app: the PDF and the Excel writer read Tinos's
// WOFF files at run time, so electron-builder.yml may trim the package's browser files but
// never those. Patterns are matched with electron-builder's own minimatch.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fontFileName, loadReportFonts, REPORT_FONT_PACKAGE, woffToSfnt } from '../../../electron/services/reports/pdf-fonts';

const root = path.resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { minimatch } = createRequire(require.resolve('app-builder-lib/package.json'))('minimatch') as {
  minimatch(file: string, pattern: string, options?: { dot?: boolean }): boolean;
};
const files = (yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as { files: string[] }).files;
const excluded = (file: string) => files.filter((f) => f.startsWith('!')).some((f) => minimatch(file, f.slice(1), { dot: true }));

const STYLES = ['regular', 'bold', 'italic'] as const;
const SUBSETS = ['latin', 'vietnamese'] as const;

describe('the report font in the packaged app', () => {
  it('keeps every WOFF file the reports read, and trims what only a browser would', () => {
    for (const style of STYLES) {
      for (const subset of SUBSETS)
        expect(excluded(`node_modules/${REPORT_FONT_PACKAGE}/files/${fontFileName(subset, style)}`), `${subset} ${style}`).toBe(false);
    }
    expect(excluded(`node_modules/${REPORT_FONT_PACKAGE}/files/tinos-latin-400-normal.woff2`)).toBe(true);
    expect(excluded(`node_modules/${REPORT_FONT_PACKAGE}/index.css`)).toBe(true);
    // The screens' font is bundled into the renderer and stays out.
    expect(excluded('node_modules/@fontsource/be-vietnam-pro/files/be-vietnam-pro-latin-400-normal.woff')).toBe(true);
  });

  it('unwraps each WOFF file into the TrueType font it holds', () => {
    const fonts = loadReportFonts();
    for (const style of STYLES) {
      for (const subset of SUBSETS) {
        const ttf = fonts[style][subset];
        expect(ttf.readUInt32BE(0)).toBe(0x00010000);
        const tables = new Set(Array.from({ length: ttf.readUInt16BE(4) }, (_, i) => ttf.toString('latin1', 12 + i * 16, 16 + i * 16)));
        for (const tag of ['cmap', 'glyf', 'head', 'hmtx', 'loca', 'name']) expect(tables).toContain(tag);
      }
    }
    expect(() => woffToSfnt(Buffer.from('not a font at all, not at all'))).toThrow(/WOFF/);
  });
});
