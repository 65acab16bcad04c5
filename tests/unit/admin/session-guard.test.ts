// The one session check in front of staff-only handlers: the same answers for every method,
// given before the handler runs, and each call slides the session.
import { describe, expect, it, vi } from 'vitest';
import { createAdminSessions } from '../../../electron/services/admin/admin-sessions';
import { createSessionGuard, HEAD_ONLY } from '../../../electron/services/admin/session-guard';
import { ok } from '../../../shared/errors';

function setUp() {
  let clock = 1_000_000;
  const sessions = createAdminSessions(60);
  const guard = createSessionGuard(sessions, () => clock);
  const handler = vi.fn((input: { session: string; n: number }, grant: { role: string }) => ok({ doubled: input.n * 2, role: grant.role }));
  return { sessions, guard, handler, guarded: guard.guarded(HEAD_ONLY, handler), at: () => clock, advance: (ms: number) => (clock += ms) };
}

describe('session guard', () => {
  it("runs the handler for the reception head's live session, with its grant", async () => {
    const g = setUp();
    const head = g.sessions.open(g.at());
    expect(await g.guarded({ session: head.session, n: 4 })).toEqual({ ok: true, value: { doubled: 8, role: 'head' } });
  });

  it('answers ADMIN_SESSION_EXPIRED for an unknown, closed or idle session, without running the handler', async () => {
    const g = setUp();
    expect(await g.guarded({ session: 'x'.repeat(32), n: 1 })).toEqual({ ok: false, error: { code: 'ADMIN_SESSION_EXPIRED' } });
    const closed = g.sessions.open(g.at());
    g.sessions.close(closed.session);
    expect(await g.guarded({ session: closed.session, n: 1 })).toEqual({ ok: false, error: { code: 'ADMIN_SESSION_EXPIRED' } });
    const idle = g.sessions.open(g.at());
    g.advance(60_000);
    expect(await g.guarded({ session: idle.session, n: 1 })).toEqual({ ok: false, error: { code: 'ADMIN_SESSION_EXPIRED' } });
    expect(g.handler).not.toHaveBeenCalled();
  });

  it("answers FORBIDDEN for an officer's session, without running the handler", async () => {
    const g = setUp();
    const officer = g.sessions.open(g.at(), { role: 'officer', officerId: 'an.nv' });
    expect(await g.guarded({ session: officer.session, n: 1 })).toEqual({ ok: false, error: { code: 'FORBIDDEN', detail: HEAD_ONLY.refusal } });
    expect(g.handler).not.toHaveBeenCalled();
  });

  it('slides the session on every guarded call, refused ones included', async () => {
    const g = setUp();
    const officer = g.sessions.open(g.at(), { role: 'officer', officerId: 'an.nv' });
    g.advance(50_000);
    await g.guarded({ session: officer.session, n: 1 });
    g.advance(50_000);
    expect(g.guard.touch(officer.session)).toMatchObject({ role: 'officer', expiresAtMs: g.at() + 60_000 });
  });
});
