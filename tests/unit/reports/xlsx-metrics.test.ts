// The Excel report's row heights come from counting wrapped lines. The counter walks the text
// by index (it runs once per detail row of a month's export); the oracle here is the plain
// split-into-paragraphs-and-words reading of the same rule, kept in the test on purpose.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadReportFonts, type FontStyle } from '../../../electron/services/reports/pdf-fonts';
import { createTextMetrics } from '../../../electron/services/reports/xlsx-metrics';

const metrics = createTextMetrics(loadReportFonts());
const WRAP_SLACK = 0.95;

function oracleLines(text: string, points: number, size: number, style: FontStyle = 'regular'): number {
  const room = points * WRAP_SLACK;
  const space = metrics.width(' ', size, style);
  let count = 0;
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let used = 0;
    count++;
    for (const word of paragraph.split(/[ \t]+/).filter(Boolean)) {
      const w = metrics.width(word, size, style);
      if (used > 0 && used + space + w <= room) {
        used += space + w;
        continue;
      }
      if (used > 0) count++;
      const extra = Math.max(0, Math.ceil(w / room) - 1);
      count += extra;
      used = w - extra * room;
    }
  }
  return count;
}

describe('wrapped line count for the Excel report', () => {
  it('counts the lines a clerk sees in a narrow cell', () => {
    expect(metrics.lines('', 100, 11)).toBe(1);
    expect(metrics.lines('Tốt', 100, 11)).toBe(1);
    expect(metrics.lines('Thái độ phục vụ chưa tốt; Thời gian chờ đợi lâu', 60, 11)).toBeGreaterThan(2);
    expect(metrics.lines('một\r\nhai\rba\nbốn', 200, 11)).toBe(4);
    // A word wider than the cell is broken across lines rather than clipped.
    expect(metrics.lines('x'.repeat(200), 50, 11)).toBeGreaterThan(5);
  });

  it('agrees with the plain reading of the rule on any text', () => {
    const piece = fc.constantFrom('Nguyễn', 'Thị', 'Lan', ' ', '  ', '\t', '\n', '\r\n', '\r', 'hồ sơ', 'W', 'ỹ', '😀', 'e\u0301', 'quá lâu,', '—');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }),
        fc.integer({ min: 5, max: 400 }),
        fc.constantFrom(10, 11, 12),
        fc.constantFrom<FontStyle>('regular', 'bold'),
        (parts, points, size, style) => {
          const text = parts.join('');
          expect(metrics.lines(text, points, size, style)).toBe(oracleLines(text.normalize('NFC'), points, size, style));
        },
      ),
      { numRuns: 500 },
    );
  });
});
