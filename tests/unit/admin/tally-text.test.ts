// The admin CLI's text tables: padding by display width, composed text, no control characters.
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { cellText, renderTextTable } from '../../../electron/admin-cli/commands/tally-text';

describe('renderTextTable', () => {
  it('pads by display cells, so decomposed, wide and plain text line up', () => {
    const decomposed = 'Nguyễn Thị Ánh'.normalize('NFD');
    const out = renderTextTable(
      [
        { label: 'Tên', align: 'left' },
        { label: 'Số lượt', align: 'right' },
      ],
      [
        [decomposed, '7'],
        ['窗口 1', '12'],
        ['An', '1.250'],
      ],
    );
    const lines = out.split('\n').slice(0, -1);
    expect(lines).toEqual(['Tên             Số lượt', 'Nguyễn Thị Ánh        7', '窗口 1               12', 'An                1.250']);
    // Every line ends at the same terminal column; the decomposed name was composed.
    expect(new Set(lines.map((l) => stringWidth(l)))).toEqual(new Set([23]));
    expect(out).toContain('Nguyễn Thị Ánh'.normalize('NFC'));
    expect(out).not.toContain(decomposed);
  });

  it('prints missing cells empty and trims trailing spaces', () => {
    const out = renderTextTable(
      [
        { label: 'A', align: 'left' },
        { label: 'B', align: 'right' },
        { label: 'C', align: 'left' },
      ],
      [['xx'], ['y', '', 'z']],
    );
    expect(out).toBe('A   B  C\nxx\ny      z\n');
  });

  it('turns control characters into spaces so a name cannot break the grid', () => {
    expect(cellText('Quầy\t1\nA\u0085')).toBe('Quầy 1 A ');
  });
});
