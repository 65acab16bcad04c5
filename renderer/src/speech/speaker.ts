// Spoken prompts, in the order issue #15 asks: the unit's own recording for the language if
// there is one, else the platform's speech synthesis with a voice for that language, else
// silence. Nothing here is awaited by a screen: `say` starts the sound and returns, a new
// prompt cuts the previous one off, and a failure is logged once and otherwise ignored.
// No DOM types (the shells' objects come in through the small interfaces below), so the
// unit tests run it with fakes; browser-speaker.ts plugs in the real ones.
import type { SpeechAudioCatalog, SpeechPrompt } from '../../../shared/speech-prompts';

export interface VoiceLike {
  lang: string;
  name: string;
}

export interface UtteranceLike {
  lang: string;
  volume: number;
  voice: VoiceLike | null;
}

export interface SynthesisLike {
  getVoices(): VoiceLike[];
  speak(utterance: UtteranceLike): void;
  cancel(): void;
  addEventListener(type: 'voiceschanged', listener: () => void, options?: { once?: boolean }): void;
}

export interface AudioLike {
  volume: number;
  play(): Promise<void>;
  pause(): void;
  addEventListener(type: 'error', listener: () => void, options?: { once?: boolean }): void;
}

export interface SpeakerDeps {
  /** The recordings the backend found at start. */
  audio: SpeechAudioCatalog;
  /** 0…1, from the configuration's dB (volumeFromDb). */
  volume: number;
  /** The platform's speech synthesis; null where the browser has none. */
  synthesis: SynthesisLike | null;
  makeUtterance: (text: string) => UtteranceLike;
  makeAudio: (url: string) => AudioLike;
  /** Called at most once per speaker: a kiosk without sound should not fill the log. */
  warn: (message: string, error: unknown) => void;
}

export interface Speaker {
  /** Starts `prompt` in `lang` (its text for synthesis) and returns at once. */
  say(prompt: SpeechPrompt, lang: string, text: string): void;
  /** Stops whatever is being said. */
  stop(): void;
}

/** Normalises "vi_VN" (some platforms) to "vi-vn" for comparing. */
const tagOf = (lang: string) => lang.trim().replace(/_/g, '-').toLowerCase();

/**
 * A voice for `lang`: its own tag ("vi") or a regional one ("vi-VN"). Never another
 * language's voice: an English voice reading Vietnamese is worse than silence.
 */
export function pickVoice<V extends VoiceLike>(voices: readonly V[], lang: string): V | null {
  const want = tagOf(lang);
  if (!want) return null;
  return voices.find((v) => tagOf(v.lang) === want) ?? voices.find((v) => tagOf(v.lang).startsWith(`${want}-`)) ?? null;
}

export function createSpeaker(deps: SpeakerDeps): Speaker {
  let warned = false;
  const warn = (message: string, error: unknown) => {
    if (warned) return;
    warned = true;
    deps.warn(message, error);
  };
  // Each prompt gets a number; a late callback of an older one sees it is stale and does nothing.
  let current = 0;
  let playing: AudioLike | null = null;

  const stop = () => {
    current++;
    if (playing) {
      try {
        playing.pause();
      } catch (error) {
        warn('speech: could not stop a recording', error);
      }
      playing = null;
    }
    try {
      deps.synthesis?.cancel();
    } catch (error) {
      warn('speech: could not stop speech synthesis', error);
    }
  };

  const synthesize = (id: number, lang: string, text: string, waitedForVoices = false) => {
    const synthesis = deps.synthesis;
    if (!synthesis || id !== current) return;
    try {
      const voices = synthesis.getVoices();
      // Chromium fills the list shortly after start: ask again once when it arrives.
      if (voices.length === 0 && !waitedForVoices) {
        synthesis.addEventListener('voiceschanged', () => synthesize(id, lang, text, true), { once: true });
        return;
      }
      const voice = pickVoice(voices, lang);
      if (!voice) return;
      const utterance = deps.makeUtterance(text);
      utterance.voice = voice;
      utterance.lang = voice.lang;
      utterance.volume = deps.volume;
      synthesis.speak(utterance);
    } catch (error) {
      warn('speech: speech synthesis failed', error);
    }
  };

  const say = (prompt: SpeechPrompt, lang: string, text: string) => {
    stop();
    const id = current;
    const url = deps.audio[lang]?.[prompt];
    if (!url) {
      synthesize(id, lang, text);
      return;
    }
    // A recording that cannot be played (damaged, an unsupported codec) still leaves the voice.
    // Both the element's error event and play()'s rejection may report the same failure.
    let fellBack = false;
    const fallBack = (error: unknown) => {
      if (fellBack || id !== current) return;
      fellBack = true;
      warn(`speech: recording ${url} could not be played`, error);
      playing = null;
      synthesize(id, lang, text);
    };
    try {
      const audio = deps.makeAudio(url);
      audio.volume = deps.volume;
      audio.addEventListener('error', () => fallBack(new Error('media error')), { once: true });
      playing = audio;
      audio.play().catch(fallBack);
    } catch (error) {
      fallBack(error);
    }
  };

  return { say, stop };
}
