import net from 'node:net';

export interface OversizedHeadResult {
  /** Everything the server wrote before the connection ended. */
  reply: string;
  /** The client saw a reset (or a broken pipe) while it was still sending. */
  reset: boolean;
}

/**
 * Starts a request whose header is far over any server's limit, and keeps sending more of it
 * after the server has answered, as a slow client with a huge header does: the server must
 * read and drop the rest for a moment rather than reset the connection under the client.
 */
export function sendOversizedHead(port: number, hostHeader: string, more = { chunks: 5, everyMs: 20 }): Promise<OversizedHeadResult> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    let reset = false;
    let sending = false;
    socket.on('error', () => {
      reset = true;
    });
    socket.on('close', () => resolve({ reply, reset }));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('latin1');
      if (sending) return;
      sending = true;
      let left = more.chunks;
      const timer = setInterval(() => {
        if (left-- > 0 && socket.writable) socket.write('a'.repeat(16 * 1024));
        else {
          clearInterval(timer);
          socket.end();
        }
      }, more.everyMs);
      socket.once('close', () => clearInterval(timer));
    });
    // All of a 1 MB header at once, and nothing read for a moment: a server that closes with
    // the rest unread makes the kernel send a reset, which discards its answer unread.
    socket.pause();
    socket.write(`GET / HTTP/1.1\r\nHost: ${hostHeader}\r\nX-Big: ${'a'.repeat(1024 * 1024)}`);
    setTimeout(() => socket.resume(), 300);
  });
}
