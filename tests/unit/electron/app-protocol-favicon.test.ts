// The Electron kiosk serves the built renderer through its app:// protocol: the page's icon
// must be among the built files and answered 200 as SVG there too, not a 404 on every load.
// The real build (made by ensureRendererBuilt when it is missing or stale) and the real handler.
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_ORIGIN, createAppRequestHandler } from '../../../electron/main/app-protocol';
import { ensureRendererBuilt } from '../../../electron/web-host/renderer-build';
import { REPO_ROOT } from '../../support/web-host';

let rendererDir: string;
beforeAll(() => {
  rendererDir = ensureRendererBuilt(REPO_ROOT);
}, 120_000);

describe("the app:// protocol and the page's icon", () => {
  it('serves the icon the page links to, 200 as image/svg+xml', async () => {
    const handler = createAppRequestHandler(rendererDir);
    const page = await handler(new Request(`${APP_ORIGIN}/index.html`));
    const href = /<link rel="icon" type="image\/svg\+xml" href="([^"]+)"/.exec(await page.text())?.[1];
    expect(href).toBe('./favicon.svg');
    const icon = await handler(new Request(new URL(href!, `${APP_ORIGIN}/index.html`).href));
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(await icon.text()).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });
});
