// A real HTTP proxy on 127.0.0.1 (the `proxy` package: CONNECT tunnels, absolute-form
// forwarding, Basic authentication answered with 407), recording what went through it and
// able to misbehave the way office proxies do: refuse CONNECT with a status (502, 503) or
// take it and never answer.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createProxy } from 'proxy';

export interface Tunnel {
  /** `host:port` as asked for in CONNECT. */
  target: string;
  /** The Proxy-Authorization header as received, or null. */
  proxyAuthorization: string | null;
  /** What the proxy answered to CONNECT (200: tunnel open); null while it holds the request. */
  status: number | null;
  /** Bytes the client sent through the open tunnel. */
  bytesUp: number;
  /** Request lines that went through the tunnel ("POST /v1/ratings/batch"): readable for http:// targets. */
  requests(): string[];
}

export interface ConnectProxy {
  /** `http://127.0.0.1:PORT`, without credentials. */
  url: string;
  /** The same with Basic credentials in it, as `server.proxy` carries them. */
  urlWith(user: string, password: string): string;
  tunnels: Tunnel[];
  /** Absolute-form requests (`POST http://host/path`), i.e. not tunnelled. */
  plainRequests: string[];
  /** Require these Basic credentials (407 otherwise); null: an open proxy. */
  requireAuth(credentials: { user: string; password: string } | null): void;
  /** Answer every CONNECT with this status instead of tunnelling; null to tunnel again. */
  refuseWith(status: number | null): void;
  /** Take CONNECT requests and never answer them; false to answer again. */
  hold(on: boolean): void;
  close(): Promise<void>;
}

// Anywhere, not only after a line break: on a kept-alive connection a request follows the
// previous body's last byte. A JSON body never holds a raw CR LF, so it cannot fake one.
const REQUEST_LINE = /(GET|POST|PUT|DELETE|HEAD) (\/\S*) HTTP\/1\.1\r\n/g;
/** Enough for any test's traffic; a tunnel's bytes past it are counted, not kept. */
const KEEP_BYTES = 16 * 1024 * 1024;

/** `port`: listen on this one (a proxy coming back where it was); a free one by default. */
export async function startConnectProxy(port = 0): Promise<ConnectProxy> {
  const server = createProxy(http.createServer());
  const sockets = new Set<Socket>();
  const tunnels: Tunnel[] = [];
  const plainRequests: string[] = [];
  let expected: string | null = null;
  let refuse: number | null = null;
  let holding = false;

  server.authenticate = (req) => expected === null || req.headers['proxy-authorization'] === expected;
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  server.on('request', (req: http.IncomingMessage) => plainRequests.push(`${req.method} ${req.url}`));

  // The package's own CONNECT handler, called after the recording and the injected faults.
  const [tunnel] = server.listeners('connect') as ((req: http.IncomingMessage, socket: Socket, head: Buffer) => void)[];
  server.removeAllListeners('connect');
  server.on('connect', (req: http.IncomingMessage, socket: Socket, head: Buffer) => {
    const kept: Buffer[] = [];
    let keptBytes = 0;
    const record: Tunnel = {
      target: req.url ?? '',
      proxyAuthorization: req.headers['proxy-authorization'] ?? null,
      status: null,
      bytesUp: 0,
      requests: () => [...Buffer.concat(kept).toString('latin1').matchAll(REQUEST_LINE)].map((m) => `${m[1]} ${m[2]}`),
    };
    tunnels.push(record);
    if (holding) return;
    if (refuse !== null) {
      record.status = refuse;
      socket.end(`HTTP/1.1 ${refuse} ${http.STATUS_CODES[refuse] ?? ''}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    // The status line the package writes back tells what it decided (200, 407, 500).
    const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
    socket.write = ((...args: unknown[]) => {
      const m = record.status === null ? /^HTTP\/1\.1 (\d{3})/.exec(String(args[0])) : null;
      if (m) record.status = Number(m[1]);
      return write(...args);
    }) as Socket['write'];
    socket.on('data', (chunk: Buffer) => {
      record.bytesUp += chunk.length;
      if (keptBytes + chunk.length <= KEEP_BYTES) {
        kept.push(chunk);
        keptBytes += chunk.length;
      }
    });
    tunnel!.call(server, req, socket, head);
  });

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${bound}`;
  return {
    url,
    urlWith: (user, password) => `http://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${bound}`,
    tunnels,
    plainRequests,
    requireAuth(credentials) {
      expected = credentials ? `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}` : null;
    },
    refuseWith(status) {
      refuse = status;
    },
    hold(on) {
      holding = on;
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Tunnels are detached from the HTTP server: closeAllConnections() does not see them.
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
