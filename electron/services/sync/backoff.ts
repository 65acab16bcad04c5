// Retry timing. Exponential with "equal jitter": half the delay is fixed so a kiosk never
// hammers the server, half is random so a city's kiosks coming back online spread out.

export function backoffDelayMs(failures: number, baseMs: number, maxMs: number, random: () => number): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(failures - 1, 0), 40));
  return Math.round(exp / 2 + (exp / 2) * random());
}

/** The longest a server may ask us to wait; a larger value is treated as a bad header. */
export const MAX_RETRY_AFTER_MS = 24 * 3600_000;

/** Retry-After as delta-seconds or an HTTP date; null when absent or unusable. */
export function parseRetryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(text)) ms = Number(text) * 1000;
  else {
    // Only an IMF-fixdate ("Sun, 01 Mar 2026 00:01:00 GMT"); Date.parse takes too much else.
    if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) return null;
    const at = Date.parse(text);
    if (Number.isNaN(at)) return null;
    ms = Math.max(0, at - nowMs);
  }
  return ms <= MAX_RETRY_AFTER_MS ? Math.round(ms) : null;
}
