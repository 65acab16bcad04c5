// Spoken prompts (issue #15, Speech) on the real web host in Chromium. The platform's speech
// synthesis is replaced at the browser boundary by an init script that records what it is
// asked to say (text, language, voice, volume) and never finishes, so a screen that waited
// for it would never show; recordings are real WAV files in the data folder's
// languages/<lang>/audio/, served by the host, and every play() of a media element is noted.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { tempDir } from '../support/temp-db';
import type { TestConfigOverrides } from '../support/test-config';
import type { WebHost } from '../support/web-host';
import {
  EN_LEVEL_LABELS,
  levelButton,
  openKiosk,
  readRatings,
  startKiosk,
  VI_FOLLOW_UP,
  VI_LEVEL_LABELS,
  VI_QUESTION,
  VI_THANKS,
} from './helpers/citizen-kiosk';

const EN_QUESTION = 'Are you satisfied with our service?';
const EN_THANKS = 'Thank you for your feedback!';
/** accessibility.speech.volumeDb in these tests, and the gain it must become. */
const VOLUME_DB = -12;
const GAIN = 10 ** (VOLUME_DB / 20);

interface Utterance {
  text: string;
  lang: string;
  voice: string | null;
  volume: number;
}
interface Played {
  src: string;
  volume: number;
}
interface SpeechLog {
  utterances: Utterance[];
  played: Played[];
  cancels: number;
}

/**
 * Installs the fake speech synthesis with the given voices, and a note of every media play().
 * The fake's speak() only records: the utterance never ends, like a long prompt still playing.
 */
async function fakeSpeech(page: Page, voices: { name: string; lang: string }[]): Promise<void> {
  await page.addInitScript((voiceList) => {
    const log = { utterances: [] as unknown[], played: [] as unknown[], cancels: 0 };
    interface Media {
      src: string;
      volume: number;
    }
    const page = globalThis as unknown as { __speech: typeof log; HTMLMediaElement: { prototype: { play(this: Media): Promise<void> } } };
    page.__speech = log;
    class FakeUtterance {
      text: string;
      lang = '';
      volume = 1;
      voice: { name: string; lang: string } | null = null;
      constructor(text: string) {
        this.text = text;
      }
      addEventListener() {}
    }
    const synthesis = {
      speaking: false,
      pending: false,
      paused: false,
      getVoices: () => voiceList.map((v) => ({ ...v, default: false, localService: true, voiceURI: v.name })),
      speak: (u: FakeUtterance) => {
        log.utterances.push({ text: u.text, lang: u.lang, voice: u.voice?.name ?? null, volume: u.volume });
      },
      cancel: () => {
        log.cancels++;
      },
      pause() {},
      resume() {},
      addEventListener() {},
      removeEventListener() {},
    };
    Object.defineProperty(globalThis, 'speechSynthesis', { value: synthesis, configurable: true });
    Object.defineProperty(globalThis, 'SpeechSynthesisUtterance', { value: FakeUtterance, configurable: true });
    const media = page.HTMLMediaElement.prototype;
    const play = media.play;
    media.play = function (this: Media) {
      log.played.push({ src: new URL(this.src).pathname, volume: this.volume });
      return play.call(this);
    };
  }, voices);
}

const BOTH_VOICES = [
  { name: 'Test Tiếng Việt', lang: 'vi-VN' },
  { name: 'Test English', lang: 'en-US' },
];

const speechLog = (page: Page) => page.evaluate(() => (globalThis as unknown as { __speech: SpeechLog }).__speech);
const said = async (page: Page) => (await speechLog(page)).utterances.map((u) => u.text);

/** A valid 16-bit mono PCM WAV file of `ms` milliseconds of a quiet tone. */
function wavFile(ms = 200, rate = 8000): Buffer {
  const samples = Math.round((rate * ms) / 1000);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(2000 * Math.sin((2 * Math.PI * 440 * i) / rate)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

let host: WebHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

function speechKiosk(overrides: TestConfigOverrides = {}, dataDir?: string) {
  return startKiosk(
    { scale: '5', timeouts: { thankYouSeconds: 2, followUpSeconds: 60 }, accessibility: { speech: { volumeDb: VOLUME_DB } }, ...overrides },
    dataDir ? { dataDir } : {},
  );
}

const listen = (page: Page, name = 'Nghe hướng dẫn') => page.getByRole('button', { name, exact: true });

test('"Nghe hướng dẫn" speaks each screen in Vietnamese at the configured volume, a held level says its label, and the next citizen starts silent', async ({
  page,
}) => {
  await fakeSpeech(page, BOTH_VOICES);
  host = await speechKiosk();
  await openKiosk(page, host);
  await expect(listen(page)).toHaveAttribute('aria-pressed', 'false');
  expect(await said(page)).toEqual([]);

  await listen(page).click();
  await expect(listen(page)).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => said(page)).toEqual([VI_QUESTION]);
  const [question] = (await speechLog(page)).utterances;
  expect(question).toMatchObject({ lang: 'vi-VN', voice: 'Test Tiếng Việt' });
  expect(question!.volume).toBeCloseTo(GAIN, 5);

  // Touched and held: the label is said, and nothing is rated when the finger lifts.
  const box = (await levelButton(page, VI_LEVEL_LABELS[2]).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await expect.poll(() => said(page)).toEqual([VI_QUESTION, VI_LEVEL_LABELS[2]]);
  await page.mouse.up();
  await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible();
  expect(readRatings(host.dataDir)).toEqual([]);

  // A tap still rates at once; the follow-up question is said when its screen shows.
  await levelButton(page, VI_LEVEL_LABELS[2]).click();
  await expect(page.getByRole('heading', { name: VI_FOLLOW_UP })).toBeVisible();
  await expect.poll(() => said(page)).toEqual([VI_QUESTION, VI_LEVEL_LABELS[2], VI_FOLLOW_UP]);
  expect(readRatings(host.dataDir).map((r) => r.level)).toEqual([2]);

  // The thanks shows while its prompt has not finished (the fake never finishes): no waiting.
  await page.getByRole('button', { name: 'Bỏ qua', exact: true }).click();
  await expect(page.getByRole('heading', { name: VI_THANKS })).toBeVisible();
  await expect.poll(async () => (await said(page)).at(-1)).toBe(`${VI_THANKS} Chúng tôi xin tiếp thu và sẽ cải thiện.`);
  for (const u of (await speechLog(page)).utterances) expect(u.volume).toBeCloseTo(GAIN, 5);

  // Back to idle: speech is off again for the next citizen, and the question is not said.
  await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible({ timeout: 10_000 });
  await expect(listen(page)).toHaveAttribute('aria-pressed', 'false');
  expect(await said(page)).toHaveLength(4);
});

test('in English the English voice says the English prompts; a tap without holding rates as before', async ({ page }) => {
  await fakeSpeech(page, BOTH_VOICES);
  host = await speechKiosk();
  // The page's start-up data is fetched once: a language change used to fetch it again, and
  // the speaker rebuilt from the answer said the question a second time (when the answer came
  // after "Listen" was pressed, as on a busy machine).
  let bootstraps = 0;
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/getBootstrap') bootstraps++;
  });
  await openKiosk(page, host);
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await listen(page, 'Listen to instructions').click();
  await expect.poll(() => said(page)).toEqual([EN_QUESTION]);
  expect((await speechLog(page)).utterances[0]).toMatchObject({ lang: 'en-US', voice: 'Test English' });

  await levelButton(page, EN_LEVEL_LABELS[5]).click();
  await expect(page.getByRole('heading', { name: EN_THANKS })).toBeVisible();
  await expect.poll(() => said(page)).toEqual([EN_QUESTION, EN_THANKS]);
  expect(readRatings(host.dataDir).map((r) => [r.level, r.language])).toEqual([[5, 'en']]);
  // Back to Vietnamese for the next citizen, still on the same start-up data.
  await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible({ timeout: 10_000 });
  expect(bootstraps).toBe(1);
});

test("the unit's recording is played instead of synthesis, served from languages/<lang>/audio/; a damaged one falls back to the voice", async ({ page }) => {
  const dataDir = tempDir('kiosk-speech-').dir;
  const audioDir = path.join(dataDir, 'languages', 'vi', 'audio');
  fs.mkdirSync(audioDir, { recursive: true });
  const wav = wavFile();
  fs.writeFileSync(path.join(audioDir, 'idle-question.wav'), wav);
  fs.writeFileSync(path.join(audioDir, 'level-5-4.wav'), wav);
  // Not audio at all: the browser cannot play it, so the voice says the prompt instead.
  fs.writeFileSync(path.join(audioDir, 'thanks.wav'), 'this is not a wav file');
  // Neither a prompt name nor a format the kiosk plays: never listed, never served.
  fs.writeFileSync(path.join(audioDir, 'notes.txt'), 'recorded on 1 December');
  fs.writeFileSync(path.join(audioDir, 'idle-question.flac'), wav);
  await fakeSpeech(page, BOTH_VOICES);
  host = await speechKiosk({}, dataDir);

  // The host serves exactly the listed files, with their type; nothing else under the route.
  const served = await fetch(new URL('speech-audio/vi/idle-question.wav', host.url));
  expect(served.status).toBe(200);
  expect(served.headers.get('content-type')).toBe('audio/wav');
  expect(Buffer.from(await served.arrayBuffer()).equals(wav)).toBe(true);
  for (const refused of [
    'speech-audio/vi/notes.txt',
    'speech-audio/vi/idle-question.flac',
    'speech-audio/en/idle-question.wav',
    'speech-audio/vi/../../config.json',
    'speech-audio/vi/%2e%2e/%2e%2e/config.json',
  ]) {
    expect((await fetch(new URL(refused, host.url))).status, refused).toBe(404);
  }

  await openKiosk(page, host);
  await listen(page).click();
  await expect.poll(async () => (await speechLog(page)).played).toEqual([{ src: '/speech-audio/vi/idle-question.wav', volume: expect.closeTo(GAIN, 5) }]);
  expect(await said(page)).toEqual([]);

  const box = (await levelButton(page, VI_LEVEL_LABELS[4]).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await expect
    .poll(async () => (await speechLog(page)).played.map((p) => p.src))
    .toEqual(['/speech-audio/vi/idle-question.wav', '/speech-audio/vi/level-5-4.wav']);
  await page.mouse.up();

  await levelButton(page, VI_LEVEL_LABELS[5]).click();
  await expect(page.getByRole('heading', { name: VI_THANKS })).toBeVisible();
  // The damaged thanks.wav was tried, failed, and the Vietnamese voice said the thanks.
  await expect.poll(async () => (await speechLog(page)).played.map((p) => p.src)).toContain('/speech-audio/vi/thanks.wav');
  await expect.poll(() => said(page)).toEqual([VI_THANKS]);
  expect(readRatings(host.dataDir).map((r) => r.level)).toEqual([5]);
});

test('with no recording and no voice for the language nothing is said and the kiosk works as usual', async ({ page }) => {
  await fakeSpeech(page, [{ name: 'Test English', lang: 'en-US' }]);
  host = await speechKiosk();
  await openKiosk(page, host);
  await listen(page).click();
  await levelButton(page, VI_LEVEL_LABELS[4]).click();
  await expect(page.getByRole('heading', { name: VI_THANKS })).toBeVisible();
  await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible({ timeout: 10_000 });
  // The same kiosk does speak where it has a voice: so the silence above was the missing voice.
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await listen(page, 'Listen to instructions').click();
  await expect.poll(() => said(page)).toEqual([EN_QUESTION]);
  const log = await speechLog(page);
  expect(log.played).toEqual([]);
  expect(readRatings(host.dataDir).map((r) => r.level)).toEqual([4]);
});

test('speech on by default: the idle question is said without a touch, the button turns it off for this citizen, and idle turns it back on', async ({
  page,
}) => {
  await fakeSpeech(page, BOTH_VOICES);
  host = await speechKiosk({ accessibility: { speech: { onByDefault: true, volumeDb: VOLUME_DB } } });
  await openKiosk(page, host);
  await expect(listen(page)).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => said(page)).toEqual([VI_QUESTION]);

  const cancelsBefore = (await speechLog(page)).cancels;
  await listen(page).click();
  await expect(listen(page)).toHaveAttribute('aria-pressed', 'false');
  // Turned off: what was being said is stopped, and a rating is thanked in silence.
  expect((await speechLog(page)).cancels).toBeGreaterThan(cancelsBefore);
  await levelButton(page, VI_LEVEL_LABELS[5]).click();
  await expect(page.getByRole('heading', { name: VI_THANKS })).toBeVisible();
  await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible({ timeout: 10_000 });
  // The next citizen gets the default again: on, and the question is said.
  await expect(listen(page)).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => said(page)).toEqual([VI_QUESTION, VI_QUESTION]);
});
