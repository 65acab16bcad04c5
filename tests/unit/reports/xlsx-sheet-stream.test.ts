// The stream each worksheet's XML takes into the zip (xlsx-sheet-stream.ts): what goes in
// comes out byte for byte, in stretches the compressor can take, even when the writer
// reuses its string builder at once and the zip is behind; and write() says when to wait.
import { describe, expect, it } from 'vitest';
import { SheetStream } from '../../../electron/services/reports/xlsx-sheet-stream';

/** Like exceljs's StringBuf: one builder, reset and refilled for every write. */
function reusedBuilder() {
  let text = '';
  return {
    set(next: string) {
      text = next;
    },
    toBuffer: () => Buffer.from(text, 'utf8'),
  };
}

const row = (i: number) => `<row r="${i}"><c t="inlineStr"><is><t>Ý kiến số ${i}: cán bộ hướng dẫn tận tình</t></is></c></row>`;

/** Each chunk as the stream hands it on, the way a pipe into the compressor sees it. */
function readAll(stream: SheetStream): Promise<{ bytes: Buffer; sizes: number[] }> {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve, reject) => {
    stream.once('end', () => resolve({ bytes: Buffer.concat(chunks), sizes: chunks.map((c) => c.length) }));
    stream.once('error', reject);
  });
}

describe('SheetStream', () => {
  it('passes on exactly what was written, though the builder is reused while the stream is backed up', async () => {
    const stream = new SheetStream();
    const builder = reusedBuilder();
    const expected: string[] = [];
    let refused = 0;
    // Nobody reads yet: the zip is behind, and writes queue in the stream.
    for (let i = 0; i < 5000; i++) {
      const text = i % 3 === 0 ? row(i) : `<!-- ${i} -->`;
      expected.push(text);
      if (i % 3 === 0) {
        if (!stream.write(text)) refused++;
      } else {
        builder.set(text);
        if (!stream.write(builder)) refused++;
        builder.set('OVERWRITTEN');
      }
    }
    stream.end();
    // write() said to wait long before the end: the caller could have stopped.
    expect(refused).toBeGreaterThan(0);
    const { bytes, sizes } = await readAll(stream);
    expect(bytes.toString('utf8')).toBe(expected.join(''));
    expect(bytes.includes('OVERWRITTEN')).toBe(false);
    // Stretches of up to 64 kB: few, large writes for the compressor.
    expect(Math.max(...sizes)).toBeLessThanOrEqual(64 * 1024);
    expect(sizes.length).toBeLessThan(Math.ceil(bytes.length / (32 * 1024)) + 1);
  });

  it('keeps a piece larger than a stretch whole, in order', async () => {
    const stream = new SheetStream();
    const big = 'x'.repeat(100_000);
    stream.write('<a>');
    stream.write(big);
    stream.end('</a>');
    expect((await readAll(stream)).bytes.toString('utf8')).toBe(`<a>${big}</a>`);
  });
});
