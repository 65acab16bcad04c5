// A comment stored before control characters and bidi overrides were refused still travels,
// with those characters as spaces: the receiver would refuse it, and the rating with it.
import { describe, expect, it } from 'vitest';
import type { UploadRow } from '../../../electron/services/db/upload-queries';
import { toWireRating } from '../../../electron/services/sync/wire-rating';
import { wireRatingSchema } from '../../../shared/upload-protocol';

const row = (comment: string | null): UploadRow => ({
  id: '019a8f3e-6a41-7c2e-9b1d-3f0c2a7d5e11',
  seq: 1,
  created_at_ms: Date.parse('2026-03-02T09:15:00+07:00'),
  utc_offset_min: 420,
  scale: 3,
  level: 2,
  reasons: '["late"]',
  comment,
  language: 'vi',
  unit_code: 'U1',
  kiosk_id: 'k1',
  counter_id: 'Q1',
  officer_id: null,
  dossier_code: null,
  dossier_capture: 'none',
  app_version: '0.1.0',
  misuse_flag: 0,
  clock_offset_ms: null,
  settle_after_ms: Date.parse('2026-03-02T09:15:30+07:00'),
});

describe('toWireRating comments', () => {
  it('sends a comment stored before cleaning as the receiver would store it, line breaks kept', () => {
    const stored = 'Chờ lâu\r\nquá\t\u202Eabc\u2066 \u0085' + 'x'.repeat(480);
    const wire = toWireRating(row(stored));
    expect(wire.comment).toBe('Chờ lâu\nquá abc ' + 'x'.repeat(480));
    // The receiver's schema cleans the same way: what is sent is what is stored.
    const parsed = wireRatingSchema.safeParse(wire);
    expect(parsed.success && parsed.data.comment).toBe(wire.comment);
    expect(wireRatingSchema.safeParse({ ...wire, comment: stored }).data?.comment).toBe(wire.comment);
  });

  it('leaves acceptable comments and null exactly as stored', () => {
    for (const c of [null, '', 'Hài lòng, "rất" tốt \u200F\u00A0😀']) expect(toWireRating(row(c)).comment).toBe(c);
  });
});
