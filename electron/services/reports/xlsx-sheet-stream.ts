// The stream each worksheet's XML goes through on its way into the zip, in place of the one
// exceljs makes. exceljs collects a sheet in 64 kB buffers it allocates as it fills them; a
// buffer filled over a hundred rows outlives several young-generation collections, and a
// spent one is then freed only by a full collection, which V8 runs late for memory outside
// its heap. A long export held most of its sheet that way. Here the rows are gathered in one
// buffer kept for the whole sheet, and each full stretch leaves as a copy made just before
// the zip takes it, so the copy is collected young. Real backpressure as well: write()
// returns false while the zip is behind, which exceljs's stream never did.
import { Transform, type TransformCallback } from 'node:stream';
import type ExcelJS from 'exceljs';

/** How much sheet XML goes to the compressor at once: exceljs's own chunk size. */
const STRETCH_BYTES = 64 * 1024;

/** exceljs writes strings, and its reusable string builder (anything with toBuffer()). */
type SheetChunk = string | Buffer | { toBuffer(): Buffer };
type WriteCallback = (error: Error | null | undefined) => void;

export class SheetStream extends Transform {
  private readonly staging = Buffer.allocUnsafeSlow(STRETCH_BYTES);
  private used = 0;

  constructor() {
    // Strings stay strings until they are copied into the staging buffer.
    super({ decodeStrings: false, readableHighWaterMark: STRETCH_BYTES });
  }

  /**
   * exceljs reuses its string builder as soon as write() returns, and a write may wait in
   * this stream's queue while the zip is behind: the builder's bytes are taken now.
   */
  override write(chunk: SheetChunk, encoding?: BufferEncoding | WriteCallback, callback?: WriteCallback): boolean {
    const data = typeof chunk === 'string' || Buffer.isBuffer(chunk) ? chunk : chunk.toBuffer();
    return typeof encoding === 'function' ? super.write(data, encoding) : super.write(data, encoding ?? 'utf8', callback);
  }

  override _transform(data: string | Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const size = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    if (this.used + size > STRETCH_BYTES) this.sendStaged();
    // Larger than a stretch (never seen from exceljs): it goes on its own.
    if (size > STRETCH_BYTES) this.push(data);
    else if (typeof data === 'string') this.used += this.staging.write(data, this.used);
    else this.used += data.copy(this.staging, this.used);
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.sendStaged();
    callback();
  }

  private sendStaged(): void {
    if (this.used === 0) return;
    this.push(Buffer.from(this.staging.subarray(0, this.used)));
    this.used = 0;
  }
}

interface WorkbookWriterInternals {
  zip?: { append(source: NodeJS.ReadableStream, data: { name: string }): unknown };
  _openStream?: (path: string) => unknown;
}

/**
 * Makes `wb` open every worksheet on a SheetStream. exceljs's internals (its zip and
 * _openStream, as in exceljs 4.4 and pinned in package.json), so it fails loudly if an
 * upgrade moves them; tests/unit/reports/xlsx-backpressure.test.ts checks the effect.
 */
export function useSheetStreams(wb: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const internals = wb as unknown as WorkbookWriterInternals;
  const zip = internals.zip;
  if (!zip || typeof internals._openStream !== 'function') throw new Error('exceljs workbook writer changed: its worksheet streams cannot be replaced');
  internals._openStream = (path: string) => {
    const stream = new SheetStream();
    zip.append(stream, { name: path });
    // exceljs waits for 'zipped' before it writes the parts that follow the sheets.
    stream.on('finish', () => stream.emit('zipped'));
    return stream;
  };
}

/** The SheetStream a worksheet writes to (after useSheetStreams). */
export function sheetStreamOf(ws: ExcelJS.Worksheet): SheetStream {
  const stream = (ws as unknown as { stream?: unknown }).stream;
  if (!(stream instanceof SheetStream)) throw new Error('exceljs worksheet writer changed: it does not write through its SheetStream');
  return stream;
}
