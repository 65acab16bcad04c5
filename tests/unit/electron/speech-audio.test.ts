// The unit's recorded prompts: which files beside the configuration are listed at start, and
// that both shells serve exactly those (Electron's app:// handler here; the web host's route
// in tests/e2e/citizen-speech.spec.ts), with their audio type and nothing else.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, createAppRequestHandler } from '../../../electron/main/app-protocol';
import type { Logger } from '../../../electron/services/logger';
import { languagesDirOf, readSpeechAudio, scanSpeechAudio } from '../../../electron/services/speech-audio';
import { tempDir } from '../../support/temp-db';

let dir: string;
let cleanup: () => void;
let logger: Logger;
let warn: ReturnType<typeof vi.fn<Logger['warn']>>;

beforeEach(() => {
  ({ dir, cleanup } = tempDir('kiosk-speech-audio-'));
  warn = vi.fn<Logger['warn']>();
  logger = { info: vi.fn(), warn, error: vi.fn() };
});
afterEach(() => cleanup());

function put(rel: string, bytes: number | string = 100): string {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof bytes === 'number' ? Buffer.alloc(bytes, 1) : bytes);
  return file;
}

describe('languagesDirOf', () => {
  it('is the languages folder beside the configuration file', () => {
    expect(languagesDirOf({ configPath: path.join('/srv', 'kiosk', 'config.json') })).toBe(path.join('/srv', 'kiosk', 'languages'));
  });
});

describe('scanSpeechAudio', () => {
  it("lists each language's known prompts by URL, preferring ogg, then mp3, then wav", () => {
    put('vi/audio/idle-question.wav');
    put('vi/audio/idle-question.ogg');
    put('vi/audio/level-5-4.mp3');
    put('vi/audio/thanks.WAV');
    put('jra/audio/follow-up-question.mp3');
    const found = scanSpeechAudio(dir, logger);
    expect(found.catalog).toEqual({
      jra: { 'follow-up-question': '/speech-audio/jra/follow-up-question.mp3' },
      vi: {
        'idle-question': '/speech-audio/vi/idle-question.ogg',
        'level-5-4': '/speech-audio/vi/level-5-4.mp3',
        thanks: '/speech-audio/vi/thanks.wav',
      },
    });
    expect(found.lookup('/speech-audio/vi/idle-question.ogg')).toEqual({ file: path.join(dir, 'vi', 'audio', 'idle-question.ogg'), mime: 'audio/ogg' });
    expect(found.lookup('/speech-audio/vi/thanks.wav')).toEqual({ file: path.join(dir, 'vi', 'audio', 'thanks.WAV'), mime: 'audio/wav' });
    expect(found.lookup('/speech-audio/vi/level-5-4.mp3')!.mime).toBe('audio/mpeg');
    // The wav that lost to the ogg is not served either.
    expect(found.lookup('/speech-audio/vi/idle-question.wav')).toBeNull();
  });

  it('leaves out, with a warning naming the file, unknown names, other formats, empty and too large files', () => {
    put('vi/audio/welcome.ogg');
    put('vi/audio/idle-question.flac');
    put('vi/audio/thanks.ogg', 0);
    put('vi/audio/follow-up-question.ogg', 2001);
    put('vi/audio/level-3-2.ogg', 2000);
    const found = scanSpeechAudio(dir, logger, 2000);
    expect(found.catalog).toEqual({ vi: { 'level-3-2': '/speech-audio/vi/level-3-2.ogg' } });
    const warned = warn.mock.calls.map(([fields]) => path.basename((fields as { file: string }).file)).sort();
    expect(warned).toEqual(['follow-up-question.ogg', 'idle-question.flac', 'thanks.ogg', 'welcome.ogg']);
  });

  it('ignores what is not a language folder (a language pack file, odd names) and links to elsewhere', () => {
    put('jra.json', '{}');
    put('Vietnamese/audio/thanks.ogg');
    put('v/audio/thanks.ogg');
    const outside = put('../outside-thanks.ogg');
    fs.mkdirSync(path.join(dir, 'en', 'audio'), { recursive: true });
    fs.symlinkSync(outside, path.join(dir, 'en', 'audio', 'thanks.ogg'));
    fs.symlinkSync(path.join(dir, 'Vietnamese'), path.join(dir, 'bdq'));
    expect(scanSpeechAudio(dir, logger).catalog).toEqual({});
  });

  it('finds nothing, and does not throw, when there is no languages folder', () => {
    const found = scanSpeechAudio(path.join(dir, 'missing'), logger);
    expect(found.catalog).toEqual({});
    expect(found.lookup('/speech-audio/vi/thanks.ogg')).toBeNull();
  });

  it('reads a listed file only while it is still a plain file within the limit', async () => {
    const file = put('vi/audio/thanks.ogg', 10);
    const entry = scanSpeechAudio(dir, logger).lookup('/speech-audio/vi/thanks.ogg')!;
    expect((await readSpeechAudio(entry, 50))!.length).toBe(10);
    fs.writeFileSync(file, Buffer.alloc(51));
    expect(await readSpeechAudio(entry, 50)).toBeNull();
    fs.rmSync(file);
    expect(await readSpeechAudio(entry, 50)).toBeNull();
  });
});

describe("Electron's app:// handler for recordings", () => {
  it('serves a listed recording with its type and the CSP, and nothing unlisted under the route', async () => {
    put('vi/audio/thanks.ogg', 'OggS fake');
    put('vi/audio/notes.txt', 'private');
    put('config.json', '{"server":{"token":"secret"}}');
    const found = scanSpeechAudio(dir, logger);
    const rendererDir = path.join(dir, 'renderer');
    fs.mkdirSync(rendererDir);
    const handler = createAppRequestHandler(rendererDir, fs.promises.readFile, () => found);
    const ok = await handler(new Request('app://kiosk/speech-audio/vi/thanks.ogg'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('audio/ogg');
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await ok.text()).toBe('OggS fake');
    for (const url of [
      'app://kiosk/speech-audio/vi/notes.txt',
      'app://kiosk/speech-audio/vi/../../config.json',
      'app://kiosk/speech-audio/vi/%2e%2e/%2e%2e/config.json',
      'app://kiosk/speech-audio/en/thanks.ogg',
    ]) {
      expect((await handler(new Request(url))).status, url).toBe(404);
    }
    // Before the backend has started (or when it failed) there is nothing to serve.
    expect((await createAppRequestHandler(rendererDir)(new Request('app://kiosk/speech-audio/vi/thanks.ogg'))).status).toBe(404);
  });
});
