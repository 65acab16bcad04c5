// The kiosk's one configuration file. These keys are an interface for IT staff: renaming
// one breaks installed kiosks, so add keys, never repurpose them. Unknown keys are refused
// (strict objects) so that a typo is reported instead of silently ignored.
import { z } from 'zod';
import { DEFAULT_DOSSIER_PATTERN } from './dossier-code';
import { DEFAULT_REASONS, MAX_REASONS, REASON_KEY_PATTERN, REASON_LABEL_MAX_LENGTH, SCALES, SIPAS_FACTORS, type ReasonDefinition } from './rating-scale';
import { cleanText } from './text-clean';

/** Built into every build; a language pack can never replace them (docs/languages.md). */
export const BUILT_IN_LANGUAGES = ['vi', 'en'] as const;
export type BuiltInLanguage = (typeof BUILT_IN_LANGUAGES)[number];
/**
 * A citizen's language: a built-in one or a language pack's ISO 639-1/639-3 code ("jra"
 * Jrai, "bdq" Bahnar). Lower-case letters only, so it is safe in a file name, a log line,
 * a CSV cell and an upload.
 */
export const LANGUAGE_CODE_PATTERN = /^[a-z]{2,3}$/;
export type Language = string;
export const isLanguageCode = (v: unknown): v is Language => typeof v === 'string' && LANGUAGE_CODE_PATTERN.test(v);
/** A language code, where it is recorded (a rating) or configured. */
export const languageCodeSchema = z.string().regex(LANGUAGE_CODE_PATTERN, 'a language code: 2-3 lower-case letters (ISO 639), e.g. "vi", "en", "jra"');

const seconds = (max: number) => z.number().positive().max(max);
/** Codes and ids: ASCII only, since they travel in uploads, file names and URLs. */
export const IDENTIFIER_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const identifier = z.string().regex(IDENTIFIER_PATTERN, 'letters, digits, dot, dash or underscore (1-64)');
/**
 * A name shown on screen and written into every report: control characters and bidi
 * overrides are removed at load (a pasted name must not reorder a report line), then the
 * length is checked on what remains.
 */
const displayText = (max: number, min = 1) =>
  z
    .string()
    .transform((s) => cleanText(s))
    .pipe(z.string().trim().min(min).max(max));

/**
 * What is wrong with a configuration: `params.problem` of a CONFIG_INVALID error from the
 * loader. The start-up screen words each one in Vietnamese (i18n `configErrors`).
 */
export const CONFIG_PROBLEMS = [
  'missing_file',
  'unreadable',
  'empty',
  'truncated',
  'not_json',
  'not_object',
  'wrong_type',
  'missing_key',
  'unknown_key',
  'not_allowed',
  'not_https',
  'not_identifier',
  'too_small',
  'too_big',
  'invalid_value',
  // The follow-up reasons (`reasons`):
  'not_reason_key',
  'duplicate_reason_key',
  'not_language_code',
] as const;
export type ConfigProblem = (typeof CONFIG_PROBLEMS)[number];

export function isConfigProblem(value: unknown): value is ConfigProblem {
  return typeof value === 'string' && (CONFIG_PROBLEMS as readonly string[]).includes(value);
}

/** Value types a `wrong_type` problem may ask for (`params.expected`); the screen words each. */
export const CONFIG_VALUE_TYPES = ['string', 'number', 'int', 'boolean', 'object', 'array'] as const;

/**
 * What a `too_small` / `too_big` limit counts (`params.kind`): a number's value (`number`, or
 * `number_exclusive` for a strict bound), a text's characters or a list's entries.
 */
export const CONFIG_LIMIT_KINDS = ['number', 'number_exclusive', 'string', 'array'] as const;
export type ConfigLimitKind = (typeof CONFIG_LIMIT_KINDS)[number];

/** `params.configProblem` of the schema's custom issue for a non-https server address. */
export const CONFIG_ISSUE_NOT_HTTPS: ConfigProblem = 'not_https';

// ---- reasons: the follow-up reasons a unit may adapt (issue #15) ----

/** A language code a reason's label may be given for: "en", a language pack's "jra", "bdq"… */
export const LABEL_LANGUAGE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * One follow-up reason. The key is what ratings store and upload, so a reason reworded keeps
 * its key and a new meaning gets a new one; the factor is the SIPAS factor it feeds.
 */
const reasonLabel = z
  .string()
  .transform((s) => cleanText(s))
  .pipe(z.string().trim().min(1).max(REASON_LABEL_MAX_LENGTH));
const reasonSchema = z
  .object({
    key: z.string().regex(REASON_KEY_PATTERN, 'a lower-case ASCII letter, then lower-case letters, digits or "_" (1-40), e.g. "long_queue"'),
    factor: z.literal([...SIPAS_FACTORS, null], { error: 'one of "A", "B", "C", "D" (SIPAS factor) or null' }),
    labels: z.object({ vi: reasonLabel }).catchall(reasonLabel),
  })
  .strict()
  .superRefine((r, ctx) => {
    for (const language of Object.keys(r.labels)) {
      if (!LABEL_LANGUAGE_PATTERN.test(language)) {
        ctx.addIssue({
          code: 'custom',
          path: ['labels', language],
          message: 'a language code such as "en" or a language pack\'s code',
          params: { configProblem: 'not_language_code' satisfies ConfigProblem },
        });
      }
    }
  });
const reasonsSchema = z
  .array(reasonSchema)
  .min(1)
  .max(MAX_REASONS)
  .superRefine((list, ctx) => {
    list.forEach((r, i) => {
      if (list.findIndex((x) => x.key === r.key) < i) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'key'],
          message: 'repeats the key of an earlier reason (each reason needs its own key)',
          params: { configProblem: 'duplicate_reason_key' satisfies ConfigProblem },
        });
      }
    });
  })
  .default(() => DEFAULT_REASONS.map((r) => ({ ...r, labels: { ...r.labels } })) as z.input<typeof reasonSchema>[]);

/**
 * This computer only: uploads over plain http are refused anywhere else, because the token
 * and the ratings would cross the network readable. `hostname` is as WHATWG URL gives it
 * (lower-case, IPv4 in dotted decimal, IPv6 in brackets and compressed).
 */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

const serverUrl = z
  .string()
  .max(2000)
  .superRefine((s, ctx) => {
    if (s === '') return;
    let url: URL;
    try {
      url = new URL(s);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'a full address such as "https://city.example/kiosk"' });
      return;
    }
    if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) return;
    ctx.addIssue({
      code: 'custom',
      message: 'must start with https:// (plain http:// only for this computer: localhost, 127.0.0.0/8, [::1])',
      params: { configProblem: CONFIG_ISSUE_NOT_HTTPS },
    });
  });

/**
 * An office proxy for the web host and the admin CLI (Electron follows the system's proxy and
 * PAC settings unless this is set). Credentials may be in the address; it is never logged.
 */
const proxyUrl = z
  .string()
  .max(2000)
  .superRefine((s, ctx) => {
    if (s === '') return;
    let url: URL | null = null;
    try {
      url = new URL(s);
    } catch {
      // reported below
    }
    if (url && (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && (url.pathname === '/' || url.pathname === '')) return;
    ctx.addIssue({ code: 'custom', message: 'a proxy address such as "http://proxy.example:3128"' });
  });

/** A time of day on the unit's clock, "07:30". */
const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const clockTime = z.string().regex(CLOCK_TIME, 'a time of day such as "07:30" (24-hour)');

const DEFAULT_OFFICE_HOURS = { days: [1, 2, 3, 4, 5], start: '07:00', end: '17:30' };

function isRegExp(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The speech volume's range: 30 dB, from a quiet corner to a loud hall. */
export const SPEECH_VOLUME_DB_MIN = -30;
export const SPEECH_VOLUME_DB_MAX = 0;
export const DEFAULT_SPEECH_VOLUME_DB = -6;

export const KioskConfigSchema = z
  .object({
    unit: z
      .object({
        code: identifier,
        name: displayText(200),
        /** Place name written in report headers: "Gia Lai, ngày … tháng … năm …". */
        place: displayText(100).default('Gia Lai'),
        /**
         * The unit's abbreviation in the report's number line, "Số:      /BC-TTPVHCC" (Decree
         * 30/2020/NĐ-CP). Without it the line ends in dots for the clerk to fill in by hand:
         * a wrong abbreviation on a signed paper costs a reprint, a blank does not.
         */
        abbreviation: displayText(30).optional(),
      })
      .strict(),
    kiosk: z
      .object({
        id: identifier,
        /** The counter this kiosk stands at; ratings are attributed to it. */
        counterId: identifier.optional(),
      })
      .strict(),
    counters: z
      .array(z.object({ id: identifier, name: displayText(100) }).strict())
      .max(100)
      .default([]),
    /** Officers who may be on duty; names as they should appear in reports. */
    officers: z
      .array(
        z
          .object({
            id: identifier,
            name: displayText(100),
            /** The counter this officer usually serves; others may still pick them. */
            counterId: identifier.optional(),
            /** scrypt hash from `npm run admin -- hash-pin`; empty: only the reception head can put them on duty. */
            pinHash: z.string().max(500).default(''),
          })
          .strict(),
      )
      .max(200)
      .default([]),
    dossier: z
      .object({
        /** Regular expression (JavaScript, Unicode) a dossier code must match in full, after upper-casing. */
        pattern: z.string().min(1).max(500).refine(isRegExp, 'a valid regular expression').default(DEFAULT_DOSSIER_PATTERN),
        /** Keep a scanned code that does not match the pattern instead of refusing it. */
        allowUnmatched: z.boolean().default(false),
        /** How long a scanned dossier waits for the citizen's rating before the idle screen returns. */
        sessionSeconds: seconds(600).default(90),
      })
      .strict()
      .default({ pattern: DEFAULT_DOSSIER_PATTERN, allowUnmatched: false, sessionSeconds: 90 }),
    keyboard: z
      .object({
        /** Where Telex puts the tone in oa, oe, uy: "old" hòa, thủy (as in "Cộng hòa"); "new" hoà, thuỷ. */
        tonePlacement: z.enum(['old', 'new']).default('old'),
      })
      .strict()
      .default({ tonePlacement: 'old' }),
    contact: z
      .object({
        /** Offer the citizen to leave a phone number for the city's follow-up survey (with consent). */
        enabled: z.boolean().default(false),
        /** Numbers are deleted this many days after they were left. */
        retentionDays: z.number().int().min(1).max(365).default(30),
        /** Send numbers to the city server's contact endpoint; otherwise they stay on the kiosk. */
        upload: z.boolean().default(false),
        /** Shown in the consent notice: who to ask to see or delete a number. */
        contactPoint: displayText(200, 0).default(''),
      })
      .strict()
      .default({ enabled: false, retentionDays: 30, upload: false, contactPoint: '' }),
    scale: z.enum(SCALES).default('3'),
    /** "vi" first, then built-in languages or language packs' codes (docs/languages.md). */
    languages: z
      .array(
        z.string().refine(isLanguageCode, {
          message: 'a language code: "vi", "en" or a language pack\'s 2-3 lower-case letters, e.g. "jra"',
          params: { configProblem: 'not_language_code' satisfies ConfigProblem },
        }),
      )
      .min(1)
      .refine((l) => l[0] === 'vi', 'must start with "vi" (the kiosk returns to Vietnamese when idle)')
      .refine((l) => new Set(l).size === l.length, 'must not repeat a language')
      .default(['vi', 'en']),
    /** The follow-up reasons, in screen order; today's eight when absent. */
    reasons: reasonsSchema,
    timezone: z.string().refine(isTimeZone, 'an IANA time zone such as "Asia/Ho_Chi_Minh"').default('Asia/Ho_Chi_Minh'),
    timeouts: z
      .object({
        thankYouSeconds: seconds(600).default(5),
        followUpSeconds: seconds(600).default(20),
      })
      .strict()
      .default({ thankYouSeconds: 5, followUpSeconds: 20 }),
    misuse: z
      .object({
        cooldownSeconds: z.number().min(0).max(600).default(3),
        burstCount: z.number().int().min(2).max(1000).default(5),
        burstWindowSeconds: seconds(3600).default(30),
      })
      .strict()
      .default({ cooldownSeconds: 3, burstCount: 5, burstWindowSeconds: 30 }),
    server: z
      .object({
        /** Empty: uploads off, the queue keeps everything. https:// except on this computer. */
        url: serverUrl.default(''),
        token: z.string().max(500).default(''),
        /** Empty: the system's proxy settings in Electron, a direct connection elsewhere. */
        proxy: proxyUrl.default(''),
        intervalSeconds: seconds(86400).default(300),
        batchSize: z.number().int().min(1).max(5000).default(200),
        timeoutSeconds: seconds(600).default(30),
        backoff: z
          .object({
            baseSeconds: seconds(86400).default(30),
            maxSeconds: seconds(86400).default(900),
          })
          .strict()
          .default({ baseSeconds: 30, maxSeconds: 900 }),
      })
      .strict()
      .default({ url: '', token: '', proxy: '', intervalSeconds: 300, batchSize: 200, timeoutSeconds: 30, backoff: { baseSeconds: 30, maxSeconds: 900 } }),
    retentionDays: z.number().int().min(1).max(3650).default(90),
    /**
     * When the centre is open, in the unit's time zone. Outside these hours the idle screen
     * dims and a downloaded update may be installed.
     */
    officeHours: z
      .object({
        /** ISO weekdays: 1 Monday … 7 Sunday. */
        days: z
          .array(z.number().int().min(1).max(7))
          .max(7)
          .refine((d) => new Set(d).size === d.length, 'must not repeat a day')
          .default(DEFAULT_OFFICE_HOURS.days),
        start: clockTime.default(DEFAULT_OFFICE_HOURS.start),
        end: clockTime.default(DEFAULT_OFFICE_HOURS.end),
      })
      .strict()
      // Compared only once both are times: a malformed one is its own problem, not a second one here.
      .refine((h) => !CLOCK_TIME.test(h.start) || !CLOCK_TIME.test(h.end) || h.start < h.end, { message: 'start must be before end', path: ['end'] })
      .default(DEFAULT_OFFICE_HOURS),
    /** Help for citizens who see poorly or cannot read (issue #15): spoken prompts. */
    accessibility: z
      .object({
        speech: z
          .object({
            /** Speak the prompts for every citizen, without "Nghe hướng dẫn" being pressed first. */
            onByDefault: z.boolean().default(false),
            /** Loudness of the recorded prompts and of speech synthesis, in dB below full scale. */
            volumeDb: z.number().min(SPEECH_VOLUME_DB_MIN).max(SPEECH_VOLUME_DB_MAX).default(DEFAULT_SPEECH_VOLUME_DB),
          })
          .strict()
          .default({ onByDefault: false, volumeDb: DEFAULT_SPEECH_VOLUME_DB }),
      })
      .strict()
      .default({ speech: { onByDefault: false, volumeDb: DEFAULT_SPEECH_VOLUME_DB } }),
    /** Care for a screen that shows the same picture for months (burn-in). */
    screen: z
      .object({
        /** Move the idle screen's content a few pixels now and then. */
        shift: z.boolean().default(true),
        /** Dim the idle screen outside office hours; a touch wakes it. */
        dimOutsideOfficeHours: z.boolean().default(true),
      })
      .strict()
      .default({ shift: true, dimOutsideOfficeHours: true }),
    /** Automatic updates (Electron on Windows). */
    updates: z
      .object({
        /** electron-updater "generic" feed: the folder holding latest.yml and the installer. Empty: no automatic updates. */
        url: serverUrl.default(''),
      })
      .strict()
      .default({ url: '' }),
    exports: z
      .object({
        /**
         * The CSV list separator. "," is RFC 4180; Excel on Windows set to Vietnamese regional
         * settings expects ";" and opens a ","-file in one column.
         */
        csvSeparator: z.enum([',', ';']).default(','),
      })
      .strict()
      .default({ csvSeparator: ',' }),
    admin: z
      .object({
        /** scrypt hash from `npm run admin -- hash-pin`; empty disables the admin area. */
        pinHash: z.string().max(500).default(''),
        idleSeconds: seconds(3600).default(120),
        officerMinRatings: z.number().int().min(1).max(1000).default(10),
        maxPinAttempts: z.number().int().min(1).max(20).default(5),
        lockoutBaseSeconds: seconds(86400).default(60),
      })
      .strict()
      .default({ pinHash: '', idleSeconds: 120, officerMinRatings: 10, maxPinAttempts: 5, lockoutBaseSeconds: 60 }),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.kiosk.counterId && !c.counters.some((k) => k.id === c.kiosk.counterId)) {
      ctx.addIssue({ code: 'custom', path: ['kiosk', 'counterId'], message: 'must be the id of one of "counters"' });
    }
    if (new Set(c.officers.map((o) => o.id)).size !== c.officers.length) {
      ctx.addIssue({ code: 'custom', path: ['officers'], message: 'officer ids must be unique' });
    }
    c.officers.forEach((o, i) => {
      if (o.counterId && !c.counters.some((k) => k.id === o.counterId)) {
        ctx.addIssue({ code: 'custom', path: ['officers', i, 'counterId'], message: 'must be the id of one of "counters"' });
      }
    });
    if (c.contact.upload && !c.server.url) {
      ctx.addIssue({ code: 'custom', path: ['contact', 'upload'], message: 'needs server.url' });
    }
    if (new Set(c.counters.map((k) => k.id)).size !== c.counters.length) {
      ctx.addIssue({ code: 'custom', path: ['counters'], message: 'counter ids must be unique' });
    }
    if (c.server.url && !c.server.token) {
      ctx.addIssue({ code: 'custom', path: ['server', 'token'], message: 'required when server.url is set' });
    }
    if (c.server.backoff.maxSeconds < c.server.backoff.baseSeconds) {
      ctx.addIssue({ code: 'custom', path: ['server', 'backoff', 'maxSeconds'], message: 'must be at least server.backoff.baseSeconds' });
    }
  });

export type KioskConfigInput = z.input<typeof KioskConfigSchema>;
export type KioskConfig = z.output<typeof KioskConfigSchema>;

/** The embedded default: a demo unit, uploads off. Used when no config file exists. */
export const DEMO_CONFIG_INPUT: KioskConfigInput = {
  unit: { code: 'DEMO-PKU', name: 'Trung tâm Phục vụ hành chính công phường Pleiku (bản trình diễn)', place: 'Gia Lai' },
  kiosk: { id: 'demo-kiosk-01', counterId: 'Q1' },
  counters: [
    { id: 'Q1', name: 'Quầy 1' },
    { id: 'Q2', name: 'Quầy 2' },
  ],
  // Demo staff PINs: Nguyễn Thị Lan 246810, Trần Văn Minh 135790 (hash-pin, as below).
  officers: [
    {
      id: 'lan.nt',
      name: 'Nguyễn Thị Lan',
      counterId: 'Q1',
      pinHash: 'scrypt$32768$8$1$rZEVI4R17RpvgqdZQawF+w==$0yiN1fd0dJTZX4iTnNipw8FrgfV5Wg7m+uToXTWNAAE=',
    },
    {
      id: 'minh.tv',
      name: 'Trần Văn Minh',
      counterId: 'Q2',
      pinHash: 'scrypt$32768$8$1$zadU/elofYPA7IYtWRGlgA==$W5tx9E5lh3Waz2+XeXUHN6q1juuM5+oIzp6A+POpbI0=',
    },
  ],
  // Demo PIN 123456 (made with `npm run admin -- hash-pin --pin 123456`); replace it in real configs.
  admin: { pinHash: 'scrypt$32768$8$1$R2ngjYPrnNPF/6QfKMcLbg==$CSbYx9+x3jSlG9J/e45QJF2ZsOwBSDt5KmXgzjmOq+c=' },
};

/** What the renderer is allowed to know about the configuration: no tokens, no PIN hash. */
export interface PublicConfig {
  unitName: string;
  unitCode: string;
  kioskId: string;
  counterName: string | null;
  scale: KioskConfig['scale'];
  languages: Language[];
  timeouts: KioskConfig['timeouts'];
  /** The calendar used for "today" and daily tallies. */
  timezone: string;
  adminEnabled: boolean;
  adminIdleSeconds: number;
  /** Officers who may sign in at this kiosk with their own PIN (no hashes). */
  staff: { id: string; name: string }[];
  /** Every officer, for the reception head's "who is on duty" choice; this counter's first. */
  officers: { id: string; name: string; atThisCounter: boolean }[];
  dossierSessionSeconds: number;
  tonePlacement: KioskConfig['keyboard']['tonePlacement'];
  contact: { enabled: boolean; contactPoint: string; retentionDays: number };
  officeHours: KioskConfig['officeHours'];
  screen: KioskConfig['screen'];
  /** The follow-up reasons in screen order, with every configured label and SIPAS factor. */
  reasons: ReasonDefinition[];
  /** Spoken prompts: on for every citizen or only after "Nghe hướng dẫn", and how loud. */
  speech: KioskConfig['accessibility']['speech'];
}

export function toPublicConfig(c: KioskConfig): PublicConfig {
  return {
    unitName: c.unit.name,
    unitCode: c.unit.code,
    kioskId: c.kiosk.id,
    counterName: c.counters.find((k) => k.id === c.kiosk.counterId)?.name ?? null,
    scale: c.scale,
    languages: c.languages,
    timeouts: c.timeouts,
    timezone: c.timezone,
    adminEnabled: c.admin.pinHash !== '',
    adminIdleSeconds: c.admin.idleSeconds,
    staff: c.officers.filter((o) => o.pinHash !== '').map((o) => ({ id: o.id, name: o.name })),
    officers: [...c.officers]
      .map((o) => ({ id: o.id, name: o.name, atThisCounter: !o.counterId || o.counterId === c.kiosk.counterId }))
      .sort((a, b) => Number(b.atThisCounter) - Number(a.atThisCounter)),
    dossierSessionSeconds: c.dossier.sessionSeconds,
    tonePlacement: c.keyboard.tonePlacement,
    contact: { enabled: c.contact.enabled, contactPoint: c.contact.contactPoint, retentionDays: c.contact.retentionDays },
    officeHours: c.officeHours,
    screen: c.screen,
    reasons: c.reasons,
    speech: c.accessibility.speech,
  };
}
