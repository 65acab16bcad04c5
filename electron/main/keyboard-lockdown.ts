// Keys a citizen could use to leave, reload or inspect the kiosk. Chromium still honours
// some of these without an application menu, so they are swallowed in `before-input-event`.
// IT leaves the app from the admin area ("Thoát ứng dụng"), never with a key chord.

export interface KeyInput {
  type: string;
  key: string;
  code?: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

export type BlockReason = 'reload' | 'devtools' | 'quit' | 'zoom' | 'fullscreen' | 'navigation' | 'browser';

const ZOOM_KEYS = new Set(['+', '=', '-', '_', '0', 'Add', 'Subtract']);

/** Why this key press must not reach the page, or null when it is ordinary typing. */
export function blockedShortcut(input: KeyInput): BlockReason | null {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return null;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  // Cmd on macOS plays the role of Ctrl; treating both alike keeps the rule simple.
  const ctrl = input.control || input.meta;

  if (key === 'F5' || key === 'BrowserRefresh') return 'reload';
  if (key === 'F12') return 'devtools';
  if (key === 'F11') return 'fullscreen';
  if (key === 'BrowserBack' || key === 'BrowserForward' || key === 'BrowserHome') return 'navigation';
  if (input.alt && (key === 'F4' || key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home')) {
    return key === 'F4' ? 'quit' : 'navigation';
  }
  if (!ctrl) return null;
  if (key === 'r' || key === 'F5') return 'reload';
  if (input.shift && (key === 'i' || key === 'j' || key === 'c')) return 'devtools';
  if (key === 'w' || key === 'q' || key === 'F4') return 'quit';
  if (ZOOM_KEYS.has(key) || input.code === 'NumpadAdd' || input.code === 'NumpadSubtract' || input.code === 'Numpad0') return 'zoom';
  // Print, save page, open file, new window/tab, view source: browser features with no place here.
  if (key === 'p' || key === 's' || key === 'o' || key === 'n' || key === 't' || key === 'u') return 'browser';
  return null;
}
