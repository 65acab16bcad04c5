// A tiny receiver on 127.0.0.1 (node:http) that records every heartbeat it is sent and answers
// as the test says: with a reconciliation, without one (as today's receiver does), with a
// malformed one, or refusing the day counts or the reasons catalogue as a receiver from
// before them would. Batches
// are acknowledged in full, so a sync gets past its heartbeat and ends `done`.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordingReceiver {
  url: string;
  /** Heartbeat bodies in the order they arrived, parsed. */
  heartbeats: Record<string, unknown>[];
  /**
   * Extra answer fields for the next heartbeats; `refuseDayCounts` answers 400 to any naming
   * `dayCounts` or `reasons` (a receiver from before both), `refuseReasons` to any naming
   * `reasons` (one from before the catalogue), and reconciles nothing.
   */
  answer: ((body: Record<string, unknown>) => Record<string, unknown>) | 'refuseDayCounts' | 'refuseReasons';
  /** Batch bodies in the order they arrived, parsed. */
  batches: Record<string, unknown>[];
  /** Runs when a batch has arrived in full, before it is answered: the batch is in flight. */
  onBatch: (body: Record<string, unknown>) => void;
  close(): Promise<void>;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startRecordingReceiver(): Promise<RecordingReceiver> {
  const r: Omit<RecordingReceiver, 'url' | 'close'> = { heartbeats: [], answer: () => ({}), batches: [], onBatch: () => {} };
  const server = http.createServer((req, res) => {
    void readBody(req).then((text) => {
      const body = JSON.parse(text) as Record<string, unknown>;
      if (req.url === '/v1/kiosks/heartbeat') {
        r.heartbeats.push(body);
        const refused = r.answer === 'refuseDayCounts' ? ['reasons', 'dayCounts'] : r.answer === 'refuseReasons' ? ['reasons'] : [];
        const unknown = refused.find((field) => field in body);
        if (unknown) {
          send(res, 400, { error: { code: 'invalid_request', detail: 'unknown key (check the spelling)', field: unknown } });
          return;
        }
        const extra = typeof r.answer === 'string' ? {} : r.answer(body);
        send(res, 200, { serverTime: new Date().toISOString(), ...extra });
        return;
      }
      if (req.url === '/v1/ratings/batch') {
        r.batches.push(body);
        r.onBatch(body);
        const ids = (body.ratings as { id: string }[]).map((x) => x.id);
        send(res, 200, { accepted: ids, duplicates: [], dossierRated: [], rejected: [] });
        return;
      }
      send(res, 404, { error: { code: 'not_found' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(r, {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
