// An HTTP proxy in front of the receiver that misbehaves on request: error statuses, a
// captive portal's 200 HTML page, partial acks, resets, silence, and the hard one: the
// batch reaches the receiver and is stored, then the connection drops before the answer.
// Also the connection-level fault of an office network: connections already open go silent
// (a NAT or firewall forgot them) while new ones get through.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'html200' }
  /** Forward, then acknowledge only the first `keep` accepted/duplicate ids. */
  | { kind: 'partial'; keep: number }
  /** Destroy the connection without forwarding. */
  | { kind: 'reset' }
  /** Never answer (until the client gives up or the proxy closes). */
  | { kind: 'hang' }
  /** Forward and let the receiver store it, then destroy the connection unanswered. */
  | { kind: 'store-then-drop' };

export interface ProxyLogEntry {
  path: string;
  fault: Fault['kind'] | 'pass';
  status: number | null;
}

export interface FaultProxy {
  url: string;
  /** Faults served in order to matching requests (default: batch uploads only). */
  enqueue(...faults: Fault[]): void;
  /** Applied to every matching request while the queue is empty; null to pass through. */
  setStanding(fault: Fault | null): void;
  pendingFaults(): number;
  /** Client connections accepted so far. */
  connections(): number;
  /** Requests on the connections open now are never answered; new connections pass. */
  silenceOpenConnections(): void;
  log: ProxyLogEntry[];
  close(): Promise<void>;
}

function forward(target: URL, req: http.IncomingMessage, body: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const up = http.request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    up.on('error', reject);
    up.end(body);
  });
}

export async function startFaultProxy(targetUrl: string, matches: (path: string) => boolean = (p) => p.startsWith('/v1/ratings/batch')): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const queue: Fault[] = [];
  let standing: Fault | null = null;
  const log: ProxyLogEntry[] = [];
  const open = new Set<Socket>();
  const silenced = new WeakSet<Socket>();
  let accepted = 0;

  const server = http.createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
      const body = Buffer.concat(chunks);
      const path = req.url ?? '/';
      const fault: Fault | null = silenced.has(req.socket) ? { kind: 'hang' } : matches(path) ? (queue.shift() ?? standing) : null;
      const entry: ProxyLogEntry = { path, fault: fault?.kind ?? 'pass', status: null };
      log.push(entry);
      const reply = (status: number, headers: Record<string, string | string[] | undefined>, text: Buffer | string) => {
        entry.status = status;
        const h = { ...headers };
        delete h['content-length'];
        delete h['transfer-encoding'];
        delete h.connection;
        delete h['keep-alive'];
        res.writeHead(status, { ...h, 'content-length': Buffer.byteLength(text) });
        res.end(text);
      };
      try {
        switch (fault?.kind) {
          case 'status':
            return reply(fault.status, { 'content-type': 'application/json', ...fault.headers }, fault.body ?? '{"error":{"code":"injected"}}');
          case 'html200':
            return reply(200, { 'content-type': 'text/html' }, '<html><body><h1>Wi-Fi login</h1><form>…</form></body></html>');
          case 'reset':
            req.socket.destroy();
            return;
          case 'hang':
            return;
          case 'store-then-drop':
            await forward(target, req, body);
            req.socket.destroy();
            return;
          case 'partial': {
            const up = await forward(target, req, body);
            const ack = JSON.parse(up.body.toString()) as { accepted: string[]; duplicates: string[]; rejected: unknown[] };
            const accepted = ack.accepted.slice(0, fault.keep);
            const duplicates = ack.duplicates.slice(0, Math.max(0, fault.keep - accepted.length));
            return reply(up.status, up.headers, JSON.stringify({ accepted, duplicates, rejected: [] }));
          }
          default: {
            const up = await forward(target, req, body);
            return reply(up.status, up.headers, up.body);
          }
        }
      } catch (error) {
        if (!res.headersSent) reply(502, { 'content-type': 'text/plain' }, `proxy: ${String(error)}`);
      }
    })();
  });
  server.on('connection', (socket: Socket) => {
    accepted += 1;
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    enqueue: (...faults) => void queue.push(...faults),
    setStanding: (f) => void (standing = f),
    pendingFaults: () => queue.length,
    connections: () => accepted,
    silenceOpenConnections: () => open.forEach((socket) => silenced.add(socket)),
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
