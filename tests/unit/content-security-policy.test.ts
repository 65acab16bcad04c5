// The page's own <meta> policy is a second line of defence (it also applies when the file
// is opened some other way); it must say the same as the header both shells send.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';
import { REPO_ROOT } from '../support/web-host';

const directives = (policy: string) =>
  policy
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
    .sort();

describe('content security policy', () => {
  it('allows nothing unsafe and no remote origin', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|https?:|\*/);
    expect(directives(CONTENT_SECURITY_POLICY)).toContain("object-src 'none'");
  });

  it("matches the renderer page's meta policy (less frame-ancestors, which a meta tag cannot set)", () => {
    const html = fs.readFileSync(path.join(REPO_ROOT, 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    expect(directives(meta!)).toEqual(directives(CONTENT_SECURITY_POLICY).filter((d) => !d.startsWith('frame-ancestors')));
  });
});
