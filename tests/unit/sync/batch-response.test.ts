// How each possible server answer to a batch is read: only a v1 ack delivers anything.
import { describe, expect, it } from 'vitest';
import { classifyBatchResponse, createBodyBuffers, encodeBatchBody } from '../../../electron/services/sync/batch-exchange';

const sent = new Set(['a', 'b', 'c']);
const now = 0;
const classify = (status: number, body: unknown, retryAfter: string | null = null) =>
  classifyBatchResponse(status, typeof body === 'string' ? body : JSON.stringify(body), retryAfter, sent, now);

describe('classifyBatchResponse', () => {
  it('delivers accepted and duplicate ids, rejects listed ones, ignores ids it did not send', () => {
    expect(
      classify(200, {
        accepted: ['a', 'zzz'],
        duplicates: ['b'],
        rejected: [
          { id: 'c', reason: 'conflict' },
          { id: 'q', reason: 'x' },
        ],
      }),
    ).toEqual({
      kind: 'ack',
      delivered: ['a', 'b'],
      dossierRated: [],
      rejected: [{ id: 'c', reason: 'conflict' }],
    });
  });

  it('never rejects an id that the same answer also acknowledged', () => {
    const out = classify(200, { accepted: ['a'], duplicates: [], rejected: [{ id: 'a', reason: 'conflict' }] });
    expect(out).toEqual({ kind: 'ack', delivered: ['a'], dossierRated: [], rejected: [] });
  });

  it('settles ids of already-rated dossiers apart from the delivered ones; an older receiver without the list is still an ack', () => {
    expect(classify(200, { accepted: ['a'], duplicates: [], dossierRated: ['b', 'zzz'], rejected: [] })).toEqual({
      kind: 'ack',
      delivered: ['a'],
      dossierRated: ['b'],
      rejected: [],
    });
    // A confused answer: delivered beats dossier-rated, which beats rejected.
    const confused = classify(200, {
      accepted: ['a'],
      duplicates: [],
      dossierRated: ['a', 'b'],
      rejected: [
        { id: 'b', reason: 'conflict' },
        { id: 'c', reason: 'conflict' },
      ],
    });
    expect(confused).toEqual({ kind: 'ack', delivered: ['a'], dossierRated: ['b'], rejected: [{ id: 'c', reason: 'conflict' }] });
    expect(classify(200, { accepted: [], duplicates: ['c'], rejected: [] })).toEqual({ kind: 'ack', delivered: ['c'], dossierRated: [], rejected: [] });
    expect(classify(200, { accepted: [], duplicates: [], dossierRated: 'b', rejected: [] })).toMatchObject({ kind: 'failed', code: 'bad_response' });
  });

  it('a 200 that is not a v1 ack (captive portal, empty, wrong shape) delivers nothing', () => {
    for (const body of ['<html>Login</html>', '', '{"ok":true}', '{"accepted":"a","duplicates":[],"rejected":[]}', 'null']) {
      expect(classify(200, body)).toMatchObject({ kind: 'failed', code: 'bad_response' });
    }
  });

  it('maps status codes to what the queue should do', () => {
    expect(classify(401, '')).toMatchObject({ kind: 'auth_failed' });
    expect(classify(403, { error: { code: 'forbidden' } })).toMatchObject({ kind: 'auth_failed' });
    expect(classify(413, '')).toMatchObject({ kind: 'too_large' });
    expect(classify(429, '', '12')).toMatchObject({ kind: 'throttled', retryAfterMs: 12_000 });
    expect(classify(503, '', null)).toMatchObject({ kind: 'throttled', retryAfterMs: null });
    expect(classify(500, 'oops')).toMatchObject({ kind: 'failed', code: 'server_error' });
    expect(classify(502, '')).toMatchObject({ kind: 'failed', code: 'server_error' });
    expect(classify(404, '')).toMatchObject({ kind: 'failed', code: 'bad_response' });
  });

  it('bisects only a 400 that blames the ratings; an envelope or non-protocol 400 rejects nothing', () => {
    expect(classify(400, { error: { code: 'invalid_request', field: 'ratings.3.level' } })).toMatchObject({ kind: 'bad_rating' });
    expect(classify(400, { error: { code: 'invalid_request' } })).toMatchObject({ kind: 'bad_rating' });
    expect(classify(400, { error: { code: 'invalid_request', field: 'kioskId' } })).toMatchObject({ kind: 'failed', code: 'bad_request' });
    expect(classify(400, '<html>Bad Request</html>')).toMatchObject({ kind: 'failed', code: 'bad_request' });
  });
});

describe('encodeBatchBody', () => {
  it('is byte for byte the JSON of the whole request', () => {
    const rating = (i: number) => ({ id: `r${i}`, seq: i, comment: i % 2 ? 'Chờ lâu "hai" lần \\ \u2028 😀' : null, reasons: i % 3 ? ['late'] : [] });
    for (const n of [0, 1, 2, 9]) {
      const envelope = { kioskId: 'pku-q1', unitCode: 'PKU', sentAt: '2026-12-01T14:05:10.120+07:00', ratings: Array.from({ length: n }, (_, i) => rating(i)) };
      const expected = Buffer.from(JSON.stringify({ protocol: 1, ...envelope }));
      // @ts-expect-error: minimal ratings are enough for the encoding
      expect(encodeBatchBody(envelope).equals(expected)).toBe(true);
    }
  });

  it("into a run's reused buffers: the same bytes, never the memory of a batch still in flight", () => {
    const envelope = (n: number, comment: string) => ({
      kioskId: 'pku-q1',
      unitCode: 'PKU',
      sentAt: '2026-12-01T14:05:10.120+07:00',
      ratings: Array.from({ length: n }, (_, i) => ({ id: `r${i}`, seq: i, comment, reasons: [] })),
    });
    const json = (e: object) => Buffer.from(JSON.stringify({ protocol: 1, ...e }));
    const buffers = createBodyBuffers();
    const a = envelope(50, 'Thủ tục nhanh, cán bộ nhiệt tình.');
    const b = envelope(3, 'Chờ lâu');
    // @ts-expect-error: minimal ratings are enough for the encoding
    const first = encodeBatchBody(a, buffers);
    // @ts-expect-error: as above
    const second = encodeBatchBody(b, buffers);
    // Both in flight: writing the second left the first intact.
    expect(first.equals(json(a))).toBe(true);
    expect(second.equals(json(b))).toBe(true);
    expect(first.buffer).not.toBe(second.buffer);

    // The first is answered: the next batch is written into its memory, exactly.
    buffers.give(first);
    // @ts-expect-error: as above
    const third = encodeBatchBody(b, buffers);
    expect(third.buffer).toBe(first.buffer);
    expect(third.equals(json(b))).toBe(true);

    // A batch larger than any free buffer gets a buffer of its own size.
    buffers.give(third);
    const big = envelope(3000, 'Cán bộ hướng dẫn tận tình, thủ tục rõ ràng, thời gian chờ ngắn.');
    // @ts-expect-error: as above
    const fourth = encodeBatchBody(big, buffers);
    expect(fourth.equals(json(big))).toBe(true);
    expect(fourth.buffer).not.toBe(first.buffer);
  });

  it("never hands out a buffer it did not make (a slice of Node's shared pool)", () => {
    const buffers = createBodyBuffers();
    const shared = Buffer.from('{"protocol":1}');
    buffers.give(shared);
    expect(buffers.take(10).buffer).not.toBe(shared.buffer);
  });
});
