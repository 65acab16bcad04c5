// A touch keyboard for the counter kiosk, which has no physical one. Written here rather
// than taken from react-simple-keyboard (and no new npm package at all): real <button>s with
// accessible names and targets big enough for elderly fingers, and no CSS injected at run
// time, which the renderer's style-src 'self' policy would refuse anyway.
import { useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { emptyTelexState, telexBackspace, telexKey, type TelexState, type TonePlacement } from '../../../shared/telex';
import { usePressFeedback } from '../hooks/use-press-feedback';
import { KEYBOARD_LAYOUTS, type KeySpec } from './keyboard-layout';
import './keyboard.css';

export interface OnScreenKeyboardProps {
  value: string;
  onChange: (next: string) => void;
  /** The value never grows past this; a counter shows how much is used. */
  maxLength: number;
  /** 'text' for comments; 'code' for dossier codes (capitals, digits, . - /; no Telex, no shift). */
  layout: 'text' | 'code';
  tonePlacement: TonePlacement;
  /** 'text' layout only. */
  initialMode?: 'telex' | 'plain';
}

type InputMode = 'telex' | 'plain';

const isLetter = (char: string) => /^[a-z]$/.test(char);

// Keeps focus (and the caret) in whatever field shows the text: a tap must not blur it.
const keepFocus = (e: MouseEvent) => e.preventDefault();

function nextState(current: TelexState, spec: KeySpec, char: string, mode: InputMode, placement: TonePlacement): TelexState {
  if (spec.kind === 'backspace') return telexBackspace(current);
  if (spec.kind === 'space') return telexKey(current, ' ', placement);
  // Plain letters are appended as typed; re-reading the text keeps the last word editable
  // if the citizen switches back to Telex in the middle of it.
  if (mode === 'plain' && isLetter(char.toLowerCase())) return emptyTelexState(current.text + char);
  return telexKey(current, char, placement);
}

export function OnScreenKeyboard({ value, onChange, maxLength, layout, tonePlacement, initialMode = 'telex' }: OnScreenKeyboardProps) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<InputMode>(initialMode);
  const [shift, setShift] = useState(false);
  // Telex needs more than the text (which keys were undone), so the state lives here and
  // follows the parent's value whenever the parent changes it (cleared, restored).
  const telex = useRef<TelexState | null>(null);
  const isCode = layout === 'code';
  const inputMode: InputMode = isCode ? 'plain' : mode;
  const capitals = isCode || shift;

  const press = (spec: KeySpec) => {
    if (spec.kind === 'shift' || spec.kind === 'mode') {
      if (spec.kind === 'shift') setShift((on) => !on);
      else setMode((m) => (m === 'telex' ? 'plain' : 'telex'));
      return;
    }
    const current = telex.current?.text === value ? telex.current : emptyTelexState(value);
    const char = capitals ? spec.char.toUpperCase() : spec.char;
    const next = nextState(current, spec, char, inputMode, tonePlacement);
    if (spec.kind !== 'backspace' && next.text.length > maxLength) return;
    telex.current = next;
    if (spec.kind === 'char' && isLetter(spec.char)) setShift(false);
    if (next.text !== value) onChange(next.text);
  };

  const modeLabel = t(mode === 'telex' ? 'keyboard.mode.telex' : 'keyboard.mode.plain');
  const full = value.length >= maxLength;
  const { columns, rows } = KEYBOARD_LAYOUTS[layout];

  return (
    <div className={`osk osk--${layout}`} role="group" aria-label={t('keyboard.label')} data-keyboard={layout} data-mode={inputMode}>
      <p className={`osk__counter${full ? ' is-full' : ''}`} data-keyboard-counter="">
        {full && <span className="osk__full">{t('keyboard.full')}</span>}
        <span>{t('keyboard.counter', { n: value.length, max: maxLength })}</span>
      </p>
      {rows.map((row, r) => (
        <div key={r} className={`osk__row osk__row--cols-${columns}`}>
          {row.map((spec, k) => {
            if (spec.kind === 'gap') return <span key={k} className="osk__gap osk__span-1" aria-hidden="true" />;
            const char = capitals ? spec.char.toUpperCase() : spec.char;
            return (
              <Key
                key={k}
                spec={spec}
                on={spec.kind === 'shift' && shift}
                name={spec.kind === 'mode' ? t('keyboard.mode.name', { mode: modeLabel }) : undefined}
                onPress={() => press(spec)}
              >
                {spec.kind === 'char' && char}
                {spec.kind === 'space' && t('keyboard.space')}
                {spec.kind === 'backspace' && <KeyIcon kind="backspace" label={t('keyboard.backspace')} />}
                {spec.kind === 'shift' && <KeyIcon kind="shift" label={t('keyboard.shift')} />}
                {spec.kind === 'mode' && modeLabel}
              </Key>
            );
          })}
        </div>
      ))}
    </div>
  );
}

interface KeyProps {
  spec: KeySpec;
  /** Shift is armed for the next letter. */
  on: boolean;
  /** Accessible name when the visible text alone would not say what the key does. */
  name?: string;
  onPress: () => void;
  children: ReactNode;
}

function Key({ spec, on, name, onPress, children }: KeyProps) {
  const feedback = usePressFeedback();
  const classes = ['osk__key', `osk__key--${spec.kind}`, `osk__span-${spec.span}`];
  if (feedback.pressed) classes.push('is-pressed');
  if (on) classes.push('is-on');
  return (
    <button
      type="button"
      className={classes.join(' ')}
      data-key={spec.kind === 'char' ? spec.char : spec.kind}
      aria-label={name}
      aria-pressed={spec.kind === 'shift' ? on : undefined}
      {...feedback.handlers}
      onMouseDown={keepFocus}
      // onClick, not onPointerDown: a finger that slides off the key types nothing, and
      // Playwright's tap() and click() both arrive as a click.
      onClick={onPress}
    >
      {children}
    </button>
  );
}

/** Drawn inline: the ⌫ and ⇧ glyphs are missing from the kiosk font on some systems. */
function KeyIcon({ kind, label }: { kind: 'backspace' | 'shift'; label: string }) {
  return (
    <>
      <svg className="osk__icon" viewBox="0 0 32 24" aria-hidden="true" focusable="false">
        {kind === 'backspace' ? (
          <>
            <path d="M10 3 H29 V21 H10 L2 12 Z" />
            <path d="M15 8 L23 16 M23 8 L15 16" />
          </>
        ) : (
          <path d="M16 2 L29 14 H22 V22 H10 V14 H3 Z" />
        )}
      </svg>
      <span className="osk__key-text">{label}</span>
    </>
  );
}
