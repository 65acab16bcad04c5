import { describe, expect, it } from 'vitest';
import { createAdminSessions } from '../../../electron/services/admin/admin-sessions';

describe('admin sessions', () => {
  it('issues unguessable base64url tokens of at least 16 characters', () => {
    const s = createAdminSessions(120);
    const tokens = new Set(Array.from({ length: 20 }, () => s.open(0).session));
    expect(tokens.size).toBe(20);
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{16,128}$/);
  });

  it('expires after idleSeconds without a call, sliding on each call', () => {
    const s = createAdminSessions(120);
    const { session, expiresAtMs } = s.open(1_000);
    expect(expiresAtMs).toBe(121_000);
    expect(s.touch(session, 120_000)?.expiresAtMs).toBe(240_000);
    expect(s.touch(session, 239_999)).not.toBeNull();
    expect(s.touch(session, 239_999 + 120_000)).toBeNull();
    expect(s.touch(session, 0)).toBeNull(); // gone for good once expired
  });

  it('forgets a closed session and unknown tokens', () => {
    const s = createAdminSessions(120);
    const { session } = s.open(0);
    s.close(session);
    expect(s.touch(session, 1)).toBeNull();
    expect(s.touch('AAAAAAAAAAAAAAAAAAAAAA', 1)).toBeNull();
  });

  it('keeps a bounded number of live sessions, dropping the oldest', () => {
    const s = createAdminSessions(3600);
    const first = s.open(0).session;
    for (let i = 0; i < 100; i++) s.open(i);
    expect(s.count()).toBeLessThanOrEqual(32);
    expect(s.touch(first, 200)).toBeNull();
  });
});
