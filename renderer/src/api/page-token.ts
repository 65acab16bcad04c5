// The web host's per-start token reaches the page only in its address fragment
// (`http://127.0.0.1:PORT/#token=…`, printed by the host for the browser it starts); it is
// never in any file the host serves. The page takes it from there once, removes it from the
// address bar, and keeps it in sessionStorage: the page reloads itself after a repeated
// crash (App.tsx) and staff may press F5, and either would otherwise leave a kiosk that
// cannot save a rating until the host restarts. sessionStorage belongs to this origin and
// this tab only, is never sent over the network, and is gone when the tab closes.
//
// Typed structurally, without DOM types, so Node-side code and tests can import it.

const FRAGMENT_KEY = 'token';
const STORAGE_KEY = 'kiosk-web-host-token';

/** Kept in memory too, for later callers (export downloads) when storage is refused. */
let taken = '';

export interface TokenPage {
  location: { hash: string; pathname: string; search: string };
  history: { state: unknown; replaceState(data: unknown, unused: string, url?: string): void };
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/** The token from the address fragment (then removed from it), else the one kept for this tab. */
export function takePageToken(page: TokenPage): string {
  const fragment = new URLSearchParams(page.location.hash.replace(/^#/, ''));
  const fromAddress = fragment.get(FRAGMENT_KEY);
  if (fromAddress) {
    fragment.delete(FRAGMENT_KEY);
    const rest = fragment.toString();
    page.history.replaceState(page.history.state, '', `${page.location.pathname}${page.location.search}${rest ? `#${rest}` : ''}`);
    taken = fromAddress;
    try {
      page.sessionStorage.setItem(STORAGE_KEY, fromAddress);
    } catch {
      // Storage refused (a locked-down profile): this load still works, a reload will not.
    }
    return fromAddress;
  }
  if (taken) return taken;
  try {
    return page.sessionStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}
