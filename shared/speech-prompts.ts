// The spoken prompts of the citizen screens (issue #15, "Speech"), named the same way in
// the recorded audio files a unit may put in `languages/<lang>/audio/<prompt>.<ext>` and in
// the renderer that plays them. Runtime-neutral: the backend lists the files by these names,
// the renderer asks for them by these names.
import { LEVELS_BY_SCALE, SCALES, type Level, type Scale } from './rating-scale';

export type LevelPrompt = `level-${Scale}-${Level}`;
export type SpeechPrompt = 'idle-question' | 'follow-up-question' | 'thanks' | LevelPrompt;

/** A level's label has its own recording per scale: "Hài lòng" is level 4 of 5 and of 3. */
export function levelPrompt(scale: Scale, level: Level): LevelPrompt {
  return `level-${scale}-${level}`;
}

/** Every prompt a language's audio folder may hold, in a stable order. */
export const SPEECH_PROMPTS: readonly SpeechPrompt[] = [
  'idle-question',
  ...SCALES.flatMap((scale) => LEVELS_BY_SCALE[scale].map((level) => levelPrompt(scale, level))),
  'follow-up-question',
  'thanks',
];

export function isSpeechPrompt(name: string): name is SpeechPrompt {
  return (SPEECH_PROMPTS as readonly string[]).includes(name);
}

/** The audio formats a recording may be in, best first, with the type it is served as. */
export const SPEECH_AUDIO_TYPES = [
  { ext: 'ogg', mime: 'audio/ogg' },
  { ext: 'mp3', mime: 'audio/mpeg' },
  { ext: 'wav', mime: 'audio/wav' },
] as const;
export type SpeechAudioExt = (typeof SPEECH_AUDIO_TYPES)[number]['ext'];

/** Where both shells serve the recordings: `/speech-audio/<lang>/<prompt>.<ext>`, nothing else. */
export const SPEECH_AUDIO_ROUTE = '/speech-audio/';

/** The recordings found at start, as the page may fetch them: language → prompt → URL path. */
export type SpeechAudioCatalog = Record<string, Partial<Record<SpeechPrompt, string>>>;

/** Gain for a level in dB below full scale: -6 dB is about half the amplitude. */
export function volumeFromDb(db: number): number {
  return Math.min(1, Math.max(0, 10 ** (db / 20)));
}
