// The unit's own recorded prompts: `languages/<lang>/audio/<prompt>.<ext>` beside the
// configuration. They are listed once at start and only what is listed is ever served, so
// the page gets sound without getting a way to read files: a URL names a language and a
// prompt from fixed sets, never a path, and anything else in the folder is not reachable.
import fs from 'node:fs';
import path from 'node:path';
import { LANGUAGE_CODE_PATTERN } from '../../shared/config-schema';
import { isSpeechPrompt, SPEECH_AUDIO_ROUTE, SPEECH_AUDIO_TYPES, type SpeechAudioCatalog, type SpeechPrompt } from '../../shared/speech-prompts';
import type { Logger } from './logger';
import type { KioskPaths } from './paths';

/** The folder of language packs and their recordings, beside the configuration file. */
export const LANGUAGES_DIR_NAME = 'languages';
/** A spoken prompt is a few seconds; anything larger is a mistake (a whole recording session). */
export const MAX_SPEECH_AUDIO_BYTES = 2 * 1024 * 1024;

export function languagesDirOf(paths: Pick<KioskPaths, 'configPath'>): string {
  return path.join(path.dirname(paths.configPath), LANGUAGES_DIR_NAME);
}

export interface SpeechAudioFile {
  file: string;
  mime: string;
}

export interface SpeechAudioFiles {
  /** What the page may play, for the bootstrap. */
  catalog: SpeechAudioCatalog;
  /** The file behind a request path, or null for any path that was not listed at start. */
  lookup(urlPath: string): SpeechAudioFile | null;
}

export const NO_SPEECH_AUDIO: SpeechAudioFiles = { catalog: {}, lookup: () => null };

/** A real folder, not a link: the unit's folder must not lead somewhere else on the disk. */
function isPlainDir(p: string): boolean {
  try {
    return fs.lstatSync(p).isDirectory();
  } catch {
    return false;
  }
}

function listDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/**
 * Lists the recordings under `languagesDir`. Never throws: a missing folder means no
 * recordings, and each file that cannot be used is logged once with why and left out.
 */
export function scanSpeechAudio(languagesDir: string, logger: Logger, maxBytes = MAX_SPEECH_AUDIO_BYTES): SpeechAudioFiles {
  const catalog: SpeechAudioCatalog = {};
  const byUrl = new Map<string, SpeechAudioFile>();
  for (const lang of listDir(languagesDir)) {
    const audioDir = path.join(languagesDir, lang, 'audio');
    if (!LANGUAGE_CODE_PATTERN.test(lang) || !isPlainDir(path.join(languagesDir, lang)) || !isPlainDir(audioDir)) continue;
    const found = new Map<SpeechPrompt, { name: string; rank: number }>();
    for (const name of listDir(audioDir)) {
      const ext = path.extname(name).slice(1).toLowerCase();
      const prompt = path.basename(name, path.extname(name));
      const rank = SPEECH_AUDIO_TYPES.findIndex((t) => t.ext === ext);
      if (rank === -1 || !isSpeechPrompt(prompt)) {
        logger.warn({ file: path.join(audioDir, name) }, 'speech audio ignored: not <prompt>.ogg, .mp3 or .wav with a known prompt name');
        continue;
      }
      let stats: fs.Stats;
      try {
        stats = fs.lstatSync(path.join(audioDir, name));
      } catch {
        continue;
      }
      if (!stats.isFile()) {
        logger.warn({ file: path.join(audioDir, name) }, 'speech audio ignored: not a plain file');
        continue;
      }
      if (stats.size === 0 || stats.size > maxBytes) {
        logger.warn({ file: path.join(audioDir, name), bytes: stats.size, maxBytes }, 'speech audio ignored: empty or too large');
        continue;
      }
      const earlier = found.get(prompt);
      if (earlier && earlier.rank <= rank) {
        logger.warn({ file: path.join(audioDir, name), used: earlier.name }, 'speech audio ignored: the same prompt in a preferred format');
        continue;
      }
      found.set(prompt, { name, rank });
    }
    if (found.size === 0) continue;
    const prompts: Partial<Record<SpeechPrompt, string>> = {};
    for (const [prompt, { name, rank }] of found) {
      const type = SPEECH_AUDIO_TYPES[rank]!;
      const url = `${SPEECH_AUDIO_ROUTE}${lang}/${prompt}.${type.ext}`;
      prompts[prompt] = url;
      byUrl.set(url, { file: path.join(audioDir, name), mime: type.mime });
    }
    catalog[lang] = prompts;
  }
  const count = byUrl.size;
  if (count > 0) logger.info({ languagesDir, recordings: count, languages: Object.keys(catalog) }, 'recorded speech prompts found');
  return { catalog, lookup: (urlPath) => byUrl.get(urlPath) ?? null };
}

/**
 * Reads a listed recording for a shell to serve, checked again now: it may have been
 * replaced since start. Null when it is gone, no longer a plain file or now too large.
 */
export async function readSpeechAudio(entry: SpeechAudioFile, maxBytes = MAX_SPEECH_AUDIO_BYTES): Promise<Buffer | null> {
  try {
    const stats = await fs.promises.lstat(entry.file);
    if (!stats.isFile() || stats.size > maxBytes) return null;
    const bytes = await fs.promises.readFile(entry.file);
    return bytes.length > maxBytes ? null : bytes;
  } catch {
    return null;
  }
}
