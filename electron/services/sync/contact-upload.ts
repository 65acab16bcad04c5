// Sends survey contacts (phone numbers left with consent) to the city's contact endpoint,
// oldest first, and marks what it acknowledged. Runs after the ratings in a scheduler run
// and never touches them: whatever goes wrong here is reported as a value, logged by the
// caller without any number, and tried again next run.
import { isoWithOffset } from '../../../shared/local-time';
import {
  contactBatchResponseSchema,
  errorBodySchema,
  MAX_BATCH_CONTACTS,
  PROTOCOL_VERSION,
  type ContactBatchRequest,
  type SyncErrorCode,
} from '../../../shared/upload-protocol';
import { CONTACT_CURSOR_START, type ContactUploadQueries, type ContactUploadRow } from '../db/contact-upload-queries';
import { parseJson, postJson, type HttpDeps, type ServerEndpoint } from './upload-client';

export interface ContactUploadDeps extends ServerEndpoint {
  queries: ContactUploadQueries;
  batchSize: number;
}

export type ContactStop = { kind: 'done' } | { kind: 'failed'; code: SyncErrorCode; status: number | null } | { kind: 'aborted' };

export interface ContactRunResult {
  stop: ContactStop;
  delivered: number;
  requests: number;
}

export function contactsUrl(serverUrl: string): string {
  return new URL('v1/contacts', serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`).toString();
}

function failureCode(status: number): SyncErrorCode {
  if (status === 401 || status === 403) return 'auth_failed';
  if (status === 413) return 'too_large';
  if (status === 429 || status === 503) return 'throttled';
  if (status === 400) return 'bad_request';
  return status >= 500 ? 'server_error' : 'bad_response';
}

/** The index of the contact a 400 blames (`contacts.3.phone`), if it blames one. */
function blamedIndex(body: string): number | null {
  const err = errorBodySchema.safeParse(parseJson(body));
  const m = err.success ? /^contacts\.(\d+)(\.|$)/.exec(err.data.error.field ?? '') : null;
  return m ? Number(m[1]) : null;
}

type Outcome = { kind: 'ack'; ids: string[] } | { kind: 'blamed'; index: number } | Exclude<ContactStop, { kind: 'done' }>;

async function sendContacts(deps: ContactUploadDeps, rows: ContactUploadRow[], http: HttpDeps): Promise<Outcome> {
  const first = rows[0]!;
  const body: ContactBatchRequest = {
    protocol: PROTOCOL_VERSION,
    kioskId: first.kiosk_id,
    unitCode: first.unit_code,
    sentAt: deps.isoTime(deps.now()),
    contacts: rows.map((r) => ({
      id: r.id,
      phone: r.phone,
      createdAt: isoWithOffset(r.created_at_ms, r.utc_offset_min),
      consentVersion: r.consent_version,
    })),
  };
  const res = await postJson(contactsUrl(deps.serverUrl), deps.token, JSON.stringify(body), http);
  if (res.kind === 'aborted') return res;
  if (res.kind === 'failed') return { kind: 'failed', code: res.code, status: res.status ?? null };
  if (res.status === 200) {
    const parsed = contactBatchResponseSchema.safeParse(parseJson(res.body));
    if (!parsed.success) return { kind: 'failed', code: 'bad_response', status: 200 };
    const sent = new Set(rows.map((r) => r.id));
    return { kind: 'ack', ids: [...new Set([...parsed.data.accepted, ...parsed.data.duplicates])].filter((id) => sent.has(id)) };
  }
  const index = res.status === 400 ? blamedIndex(res.body) : null;
  if (index !== null && index < rows.length) return { kind: 'blamed', index };
  return { kind: 'failed', code: failureCode(res.status), status: res.status };
}

export async function uploadContacts(deps: ContactUploadDeps): Promise<ContactRunResult> {
  const result: ContactRunResult = { stop: { kind: 'done' }, delivered: 0, requests: 0 };
  const http: HttpDeps = { dispatcher: deps.dispatcher, timeoutMs: deps.timeoutMs, signal: deps.signal, proxy: deps.proxy };
  const size = Math.max(1, Math.min(MAX_BATCH_CONTACTS, deps.batchSize));
  let cursor = CONTACT_CURSOR_START;
  for (;;) {
    if (deps.signal?.aborted) return { ...result, stop: { kind: 'aborted' } };
    const page = deps.queries.pendingPage(size, cursor);
    if (page.length === 0) return result;
    // One kiosk and unit per request, as the envelope names them.
    const end = page.findIndex((r) => r.kiosk_id !== page[0]!.kiosk_id || r.unit_code !== page[0]!.unit_code);
    let rows = end === -1 ? page : page.slice(0, end);
    const last = rows.at(-1)!;
    cursor = { createdAtMs: last.created_at_ms, id: last.id };
    // A contact the server refuses is left out and stays pending (retention deletes it in
    // the end); the others of its batch go at once. Each pass removes one, so this ends.
    while (rows.length > 0) {
      result.requests++;
      const out = await sendContacts(deps, rows, http);
      if (out.kind === 'aborted' || deps.signal?.aborted) return { ...result, stop: { kind: 'aborted' } };
      if (out.kind === 'failed') return { ...result, stop: out };
      if (out.kind === 'blamed') {
        // The id only: it is a random UUID, while the number is personal data.
        deps.logger.warn({ id: rows[out.index]!.id }, 'city server refused a survey contact; left pending');
        rows = rows.filter((_, i) => i !== out.index);
        continue;
      }
      const n = deps.queries.markDelivered(out.ids, deps.now());
      result.delivered += n;
      if (n === 0) return { ...result, stop: { kind: 'failed', code: 'no_progress', status: 200 } };
      break;
    }
  }
}
