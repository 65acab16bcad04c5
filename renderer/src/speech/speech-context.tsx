// Spoken prompts as the screens see them: whether speech is on for this citizen, and a way
// to say a prompt in the current language. App owns the on/off state (it returns to the
// configured default when the kiosk goes idle) and provides it here.
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SpeechPrompt } from '../../../shared/speech-prompts';
import type { Speaker } from './speaker';

export interface SpeechControl {
  on: boolean;
  /** Speaks `prompt` (its recording, or `text` through synthesis) if speech is on; never waits. */
  say: (prompt: SpeechPrompt, text: string) => void;
}

const SpeechContext = createContext<SpeechControl>({ on: false, say: () => {} });

export function SpeechProvider({ speaker, on, children }: { speaker: Speaker; on: boolean; children: ReactNode }) {
  const { i18n } = useTranslation();
  const language = i18n.language;
  // Turned off (the button, or the kiosk going idle): whatever is playing stops at once.
  useEffect(() => {
    if (!on) speaker.stop();
  }, [on, speaker]);
  useEffect(() => () => speaker.stop(), [speaker]);
  // A new `say` per language, so a prompt on screen is said again in a newly chosen one.
  const say = useCallback(
    (prompt: SpeechPrompt, text: string) => {
      if (on) speaker.say(prompt, language, text);
    },
    [on, speaker, language],
  );
  const value = useMemo(() => ({ on, say }), [on, say]);
  return <SpeechContext.Provider value={value}>{children}</SpeechContext.Provider>;
}

export function useSpeech(): SpeechControl {
  return useContext(SpeechContext);
}

/**
 * Says a screen's prompt when the screen shows, when speech is switched on, and again in a
 * newly chosen language; `active` false holds it back (a dimmed idle screen says nothing).
 */
export function useSpokenPrompt(prompt: SpeechPrompt, text: string, active = true): void {
  const { on, say } = useSpeech();
  useEffect(() => {
    if (on && active) say(prompt, text);
  }, [on, active, prompt, text, say]);
}
