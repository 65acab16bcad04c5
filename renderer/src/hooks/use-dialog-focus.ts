// Keyboard focus for a modal dialog (WCAG 2.4.3, 2.1.2): it moves into the dialog when the
// dialog opens, Tab and Shift+Tab cycle inside it while it is open, and it goes back to
// whatever had it before when the dialog closes. Kiosks are driven by touch, but IT plugs in
// a keyboard, and a screen reader user moves the same way.
import { useEffect, useRef, useState, type RefObject } from 'react';

const FOCUSABLE = [
  'button:not([disabled])',
  'a[href]',
  'input:not([disabled])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/**
 * Open dialogs, innermost last. Only the innermost one answers keys: a confirmation opened
 * over the admin area keeps Tab to its own buttons, and Escape closes it alone.
 */
const openDialogs: HTMLElement[] = [];

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[inert]') && el.getClientRects().length > 0);
}

export interface DialogFocusOptions {
  /** What gets focus when the dialog opens; absent: the dialog itself (give it tabIndex={-1}). */
  initialFocus?: RefObject<HTMLElement | null>;
  /** Escape closes the dialog. Only for dialogs whose closing loses nothing. */
  onEscape?: () => void;
}

/** Attach the returned ref to the element with role="dialog" (or "alertdialog"). */
export function useDialogFocus<T extends HTMLElement>({ initialFocus, onEscape }: DialogFocusOptions = {}): RefObject<T | null> {
  const ref = useRef<T | null>(null);
  // Read while the dialog first renders, before its commit can disable or remove the
  // element that opened it (the exit button is disabled while its question is open).
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null));
  const onEscapeRef = useRef(onEscape);
  useEffect(() => {
    onEscapeRef.current = onEscape;
  }, [onEscape]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    openDialogs.push(dialog);
    (initialFocus?.current ?? dialog).focus();

    const onKeyDown = (e: KeyboardEvent) => {
      if (openDialogs.at(-1) !== dialog || e.defaultPrevented) return;
      if (e.key === 'Escape' && onEscapeRef.current) {
        e.preventDefault();
        onEscapeRef.current();
        return;
      }
      if (e.key !== 'Tab') return;
      const items = focusables(dialog);
      const first = items[0];
      const last = items.at(-1);
      const active = document.activeElement;
      if (!first || !last) {
        e.preventDefault();
        dialog.focus();
        return;
      }
      const inside = active instanceof Node && dialog.contains(active) && active !== dialog;
      if (e.shiftKey && (!inside || active === first)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (!inside || active === last)) {
        e.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      openDialogs.splice(openDialogs.indexOf(dialog), 1);
      // Back to where the user was, if that is still on the page and not covered by another dialog.
      if (opener?.isConnected && (openDialogs.length === 0 || openDialogs.at(-1)!.contains(opener))) opener.focus();
    };
    // Set up once per opening: the dialog element and its opener do not change while it is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The content of a dialog can change under the focus (the PIN pad gives way to the tally):
  // focus that fell to the page behind comes back to the dialog.
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || openDialogs.at(-1) !== dialog) return;
    const active = document.activeElement;
    if (active === null || active === document.body) dialog.focus();
  });

  return ref;
}
