// The speaker with the browser's own objects: window.speechSynthesis and <audio>. Both shells
// run the same page, so this is the only place that touches them.
import { volumeFromDb, type SpeechAudioCatalog } from '../../../shared/speech-prompts';
import { createSpeaker, type AudioLike, type Speaker, type SynthesisLike, type UtteranceLike } from './speaker';

export function createBrowserSpeaker(audio: SpeechAudioCatalog, volumeDb: number): Speaker {
  const synthesis = typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null;
  return createSpeaker({
    audio,
    volume: volumeFromDb(volumeDb),
    synthesis: synthesis as unknown as SynthesisLike | null,
    makeUtterance: (text) => new SpeechSynthesisUtterance(text) as unknown as UtteranceLike,
    makeAudio: (url) => {
      const element = new Audio(url);
      element.preload = 'auto';
      return element as AudioLike;
    },
    warn: (message, error) => console.warn(message, error),
  });
}
