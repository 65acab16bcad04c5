// Building protocol v1 requests by hand, the way a third-party kiosk would.
import { v7 as uuidv7 } from 'uuid';
import type { WireRating } from '../../../shared/upload-protocol';

export function wireRating(over: Partial<WireRating> & { seq: number }): WireRating {
  return {
    id: uuidv7(),
    createdAt: '2026-03-02T09:15:00.000+07:00',
    scale: 3,
    level: 5,
    reasons: [],
    comment: null,
    language: 'vi',
    counterId: 'Q1',
    officerId: null,
    dossierCode: null,
    dossierCapture: 'none',
    appVersion: '0.1.0',
    misuseFlag: false,
    clockOffsetMs: null,
    ...over,
  };
}

export function batch(ratings: unknown[], over: Record<string, unknown> = {}) {
  return { protocol: 1, kioskId: 'kiosk-01', unitCode: 'UNIT-A', sentAt: '2026-03-02T09:20:00.000+07:00', ratings, ...over };
}

export async function post(baseUrl: string, path: string, body: unknown, token: string | null, headers: Record<string, string> = {}) {
  const res = await fetch(new URL(path, baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json: json as Record<string, unknown> & { error?: { code: string; field?: string } }, text };
}

export async function get(baseUrl: string, path: string, token: string | null) {
  const res = await fetch(new URL(path, baseUrl), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  // Decoded by hand: Response.text() would silently drop a byte-order mark.
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, text: bytes.toString('utf8') };
}
