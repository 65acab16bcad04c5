// The speaker's order of sources (the unit's recording, a voice for the language, silence),
// its promise never to make a screen wait or fail, and the pure helpers it is built from.
// The browser's objects are replaced by small fakes with the same shape.
import { describe, expect, it, vi } from 'vitest';
import {
  createSpeaker,
  pickVoice,
  type AudioLike,
  type SpeakerDeps,
  type SynthesisLike,
  type UtteranceLike,
  type VoiceLike,
} from '../../../renderer/src/speech/speaker';
import { levelPrompt, SPEECH_PROMPTS, volumeFromDb, type SpeechAudioCatalog } from '../../../shared/speech-prompts';

interface FakeAudio extends AudioLike {
  url: string;
  paused: boolean;
  fail(): void;
}

function fakes(options: { voices?: VoiceLike[]; audio?: SpeechAudioCatalog; play?: 'ok' | 'reject' | 'pending'; throwOnSpeak?: boolean } = {}) {
  let voices = options.voices ?? [];
  const spoken: UtteranceLike[] = [];
  const audios: FakeAudio[] = [];
  const voicesListeners: Array<() => void> = [];
  const synthesis: SynthesisLike & { cancels: number; voicesArrive(v: VoiceLike[]): void } = {
    cancels: 0,
    getVoices: () => voices,
    speak: (u) => {
      if (options.throwOnSpeak) throw new Error('synthesis broken');
      spoken.push(u);
    },
    cancel() {
      synthesis.cancels++;
    },
    addEventListener: (_type, listener) => voicesListeners.push(listener),
    voicesArrive(v) {
      voices = v;
      for (const l of voicesListeners.splice(0)) l();
    },
  };
  const warn = vi.fn();
  const deps: SpeakerDeps = {
    audio: options.audio ?? {},
    volume: 0.5,
    synthesis,
    makeUtterance: (text) => ({ text, lang: '', volume: 1, voice: null }) as UtteranceLike & { text: string },
    makeAudio: (url) => {
      let onError: (() => void) | null = null;
      let rejectPlay: ((e: unknown) => void) | null = null;
      const audio: FakeAudio = {
        url,
        volume: 1,
        paused: false,
        play: () =>
          new Promise<void>((resolve, reject) => {
            rejectPlay = reject;
            if (options.play === 'reject') reject(new Error('NotSupportedError'));
            else if (options.play !== 'pending') resolve();
          }),
        pause() {
          audio.paused = true;
        },
        addEventListener: (_type, listener) => {
          onError = listener;
        },
        fail() {
          onError?.();
          rejectPlay?.(new Error('media error'));
        },
      };
      audios.push(audio);
      return audio;
    },
    warn,
  };
  return { speaker: createSpeaker(deps), synthesis, spoken: spoken as Array<UtteranceLike & { text: string }>, audios, warn };
}

const VI = { name: 'Microsoft An', lang: 'vi-VN' };
const EN = { name: 'Microsoft Zira', lang: 'en-US' };
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('pickVoice', () => {
  it("takes the language's own or a regional voice, never another language's", () => {
    expect(pickVoice([EN, VI], 'vi')).toBe(VI);
    expect(pickVoice([EN, { name: 'plain', lang: 'vi' }, VI], 'vi')!.name).toBe('plain');
    expect(pickVoice([{ name: 'underscore', lang: 'vi_VN' }], 'vi')!.name).toBe('underscore');
    expect(pickVoice([EN], 'vi')).toBeNull();
    // "vi" is not a prefix match for a language whose code merely starts with the letters.
    expect(pickVoice([{ name: 'vot', lang: 'vic-XX' }], 'vi')).toBeNull();
    expect(pickVoice([EN, VI], '')).toBeNull();
  });
});

describe('speech prompts', () => {
  it('names every prompt a unit may record, one level prompt per level of each scale', () => {
    expect(SPEECH_PROMPTS).toEqual([
      'idle-question',
      'level-3-5',
      'level-3-4',
      'level-3-2',
      'level-5-5',
      'level-5-4',
      'level-5-3',
      'level-5-2',
      'level-5-1',
      'follow-up-question',
      'thanks',
    ]);
    expect(levelPrompt('5', 4)).toBe('level-5-4');
  });

  it('turns the configured dB into a gain: 0 dB full, -6 dB about half, -30 dB about a thirtieth', () => {
    expect(volumeFromDb(0)).toBe(1);
    expect(volumeFromDb(-6)).toBeCloseTo(0.501, 3);
    expect(volumeFromDb(-30)).toBeCloseTo(0.0316, 4);
    expect(volumeFromDb(6)).toBe(1);
  });
});

describe('createSpeaker', () => {
  it("plays the unit's recording for the language at the configured volume, and does not synthesize", async () => {
    const f = fakes({ voices: [VI], audio: { vi: { 'idle-question': '/speech-audio/vi/idle-question.ogg' } } });
    f.speaker.say('idle-question', 'vi', 'Ông/Bà có hài lòng…');
    await flush();
    expect(f.audios.map((a) => [a.url, a.volume])).toEqual([['/speech-audio/vi/idle-question.ogg', 0.5]]);
    expect(f.spoken).toEqual([]);
  });

  it('speaks through a voice of the language when there is no recording, at the same volume', () => {
    const f = fakes({ voices: [EN, VI], audio: { en: { 'idle-question': '/speech-audio/en/idle-question.ogg' } } });
    f.speaker.say('idle-question', 'vi', 'Ông/Bà có hài lòng…');
    expect(f.audios).toEqual([]);
    expect(f.spoken).toEqual([{ text: 'Ông/Bà có hài lòng…', lang: 'vi-VN', volume: 0.5, voice: VI }]);
  });

  it('says nothing when there is neither a recording nor a voice for the language', () => {
    const f = fakes({ voices: [EN] });
    f.speaker.say('thanks', 'jra', 'Cảm ơn');
    expect(f.audios).toEqual([]);
    expect(f.spoken).toEqual([]);
    expect(f.warn).not.toHaveBeenCalled();
  });

  it('waits for the voices once when the platform has not listed them yet, and drops a prompt overtaken meanwhile', () => {
    const f = fakes({ voices: [] });
    f.speaker.say('idle-question', 'vi', 'first');
    f.speaker.say('thanks', 'vi', 'second');
    f.synthesis.voicesArrive([VI]);
    expect(f.spoken.map((u) => u.text)).toEqual(['second']);
  });

  it('cuts the previous prompt off when a new one starts, and stop() silences both sources', async () => {
    const f = fakes({ voices: [VI], audio: { vi: { 'idle-question': '/a.wav' } }, play: 'pending' });
    f.speaker.say('idle-question', 'vi', 'question');
    const cancels = f.synthesis.cancels;
    f.speaker.say('level-5-4', 'vi', 'Hài lòng');
    expect(f.audios[0]!.paused).toBe(true);
    expect(f.synthesis.cancels).toBe(cancels + 1);
    // The old recording failing late does not bring its prompt back through the voice.
    f.audios[0]!.fail();
    await flush();
    expect(f.spoken.map((u) => u.text)).toEqual(['Hài lòng']);
    f.speaker.stop();
    expect(f.synthesis.cancels).toBe(cancels + 2);
  });

  it('falls back to the voice once when a recording cannot be played, and warns once', async () => {
    const f = fakes({ voices: [VI], audio: { vi: { thanks: '/broken.wav', 'idle-question': '/broken2.wav' } }, play: 'pending' });
    f.speaker.say('thanks', 'vi', 'Cảm ơn');
    // Both the error event and play()'s rejection arrive for the same failure.
    f.audios[0]!.fail();
    await flush();
    expect(f.spoken.map((u) => u.text)).toEqual(['Cảm ơn']);
    f.speaker.say('idle-question', 'vi', 'question');
    f.audios[1]!.fail();
    await flush();
    expect(f.spoken.map((u) => u.text)).toEqual(['Cảm ơn', 'question']);
    expect(f.warn).toHaveBeenCalledTimes(1);
  });

  it('never throws into the screen: a broken synthesis is logged once and the call returns', () => {
    const f = fakes({ voices: [VI], throwOnSpeak: true });
    expect(() => f.speaker.say('thanks', 'vi', 'Cảm ơn')).not.toThrow();
    expect(() => f.speaker.say('thanks', 'vi', 'Cảm ơn')).not.toThrow();
    expect(f.warn).toHaveBeenCalledTimes(1);
  });

  it('works without any speech synthesis at all (a browser without it)', () => {
    const makeAudio = vi.fn();
    const speaker = createSpeaker({ audio: {}, volume: 1, synthesis: null, makeUtterance: vi.fn(), makeAudio, warn: vi.fn() });
    expect(() => speaker.say('thanks', 'vi', 'Cảm ơn')).not.toThrow();
    expect(() => speaker.stop()).not.toThrow();
    expect(makeAudio).not.toHaveBeenCalled();
  });
});
