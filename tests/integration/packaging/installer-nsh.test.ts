// build/installer.nsh, the part of the Windows installer this project writes, compiled by
// Debian's makensis (`apt-get install nsis`; .ci/run installs it) the way electron-builder
// compiles it: warnings are errors (-WX), once for the installer and once for the uninstaller
// (BUILD_UNINSTALLER), for electron-builder's x86-unicode target. installer-harness.nsi
// calls the same macros at the same places as electron-builder's script.
//
// Then, under Debian's `wine` (.ci/run installs it; wine64, since this machine's kernel runs
// no 32-bit programs), the harness is built for amd64 and run: the silent switches, the written
// configuration (read back by the kiosk's own config loader), the refusals with exit code 2,
// the HKLM Run entry, the icacls commands and the uninstaller. Wine's icacls is a stub that
// changes nothing, so the permissions themselves can only be checked on Windows.
//
// The scheduled tasks for updates: the task definitions the installer writes are parsed
// (principal, action, triggers, security descriptor), the installer's and uninstaller's
// schtasks command lines are recorded (a recorder stands in for schtasks.exe, as for icacls:
// wine's own takes seconds per call and often cannot reach its task service while the
// installer runs), and wine's own schtasks then registers the written definitions. Wine keeps
// only part of a definition (no principal, no action, no security descriptor) and its
// `schtasks /Run` starts nothing, so what the tasks do can only be checked on Windows.
import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../electron/services/config-loader';
import { tempDir } from '../../support/temp-db';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const INSTALLER_NSH = path.join(REPO_ROOT, 'build', 'installer.nsh');
const HARNESS = path.join(import.meta.dirname, 'installer-harness.nsi');
const WINE_TOOLS = path.join(import.meta.dirname, 'wine-tools.nsi');

function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

interface Compiled {
  code: number;
  output: string;
}

function makensis(script: string, defines: Record<string, string | null>, target = 'x86-unicode'): Promise<Compiled> {
  const args = ['-WX', '-V2', `-XTarget ${target}`, ...Object.entries(defines).map(([k, v]) => (v === null ? `-D${k}` : `-D${k}=${v}`)), script];
  return new Promise((resolve) => {
    execFile('makensis', args, { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

let t: { dir: string; cleanup: () => void };
beforeAll(() => {
  if (!hasCommand('makensis')) throw new Error('makensis not found: install Debian’s nsis package (apt-get install nsis; .ci/run does it)');
  t = tempDir('installer-nsh-');
});
afterAll(() => t?.cleanup());

/** A PE file carrying an NSIS installer: "MZ", then the NSIS first-header signature. */
function expectNsisExe(file: string) {
  const exe = fs.readFileSync(file);
  expect(exe.subarray(0, 2).toString('latin1')).toBe('MZ');
  expect(exe.includes(Buffer.from('NullsoftInst', 'latin1'))).toBe(true);
}

describe('build/installer.nsh under makensis', () => {
  it('compiles, warnings as errors, into the installer and the uninstaller electron-builder builds', async () => {
    const installer = await makensis(HARNESS, { INSTALLER_NSH, OUT_FILE: path.join(t.dir, 'harness.exe') });
    expect(installer.output).not.toMatch(/warning/i);
    expect(installer.code).toBe(0);
    expectNsisExe(path.join(t.dir, 'harness.exe'));

    const uninstaller = await makensis(HARNESS, {
      INSTALLER_NSH,
      OUT_FILE: path.join(t.dir, 'uninstaller-writer.exe'),
      HARNESS_UNINSTALL: null,
      UNINSTALLER_OUT_FILE: 'C:\\kiosk-uninst.exe',
    });
    expect(uninstaller.output).not.toMatch(/warning/i);
    expect(uninstaller.code).toBe(0);
    expectNsisExe(path.join(t.dir, 'uninstaller-writer.exe'));
  });

  it('fails on a script error and on a warning, so the compile above proves something', async () => {
    const source = fs.readFileSync(INSTALLER_NSH, 'utf8');
    const broken = path.join(t.dir, 'broken.nsh');
    fs.writeFileSync(broken, source.replace('!macro customInstall', '!macro customInstall\n  NoSuchInstruction "x"'));
    const error = await makensis(HARNESS, { INSTALLER_NSH: broken, OUT_FILE: path.join(t.dir, 'broken.exe') });
    expect(error.code).not.toBe(0);
    expect(error.output).toMatch(/Invalid command: "?NoSuchInstruction/);

    const warned = path.join(t.dir, 'warned.nsh');
    // A variable nobody uses is only a warning for makensis, an error with -WX.
    fs.writeFileSync(warned, source.replace('Var kioskFile', 'Var kioskFile\nVar kioskNeverUsed'));
    const warning = await makensis(HARNESS, { INSTALLER_NSH: warned, OUT_FILE: path.join(t.dir, 'warned.exe') });
    expect(warning.code).not.toBe(0);
    expect(warning.output).toMatch(/kioskNeverUsed/);
  });
});

// ---------------------------------------------------------------------------------------
// Under wine.

const RUN_KEY = 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run';
const SETTINGS_KEY = 'HKLM\\Software\\SatisfactionKiosk';
const INSTALLED_EXE = '"C:\\Program Files\\SatisfactionKiosk\\SatisfactionKiosk.exe"';
const TASK_NS = 'http://schemas.microsoft.com/windows/2004/02/mit/task';

/** What matters of a task definition the installer wrote (UTF-16LE with a BOM, as schtasks /XML reads it). */
function readTaskXml(file: string) {
  const bytes = fs.readFileSync(file);
  expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
  const text = bytes.subarray(2).toString('utf16le');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`${file}: ${valid.err.msg} (line ${valid.err.line})`);
  type Node = { [key: string]: Node | Node[] | string };
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, parseAttributeValue: false }).parse(text) as Node;
  const root = doc.Task as Node;
  expect(root['@xmlns']).toBe(TASK_NS);
  /** Every element named `tag` anywhere under `node`, in document order. */
  const all = (tag: string, node: Node = root): Node[] =>
    Object.entries(node).flatMap(([key, value]) => {
      if (key.startsWith('@') || typeof value === 'string') return key === tag ? [value as unknown as Node] : [];
      const values = Array.isArray(value) ? value : [value];
      return [...(key === tag ? values : []), ...values.flatMap((v) => (typeof v === 'string' ? [] : all(tag, v)))];
    });
  const textOf = (n: Node | undefined): string | null => (n === undefined ? null : typeof n === 'string' ? n : ((n['#text'] as string | undefined) ?? ''));
  const one = (tag: string): string | null => {
    const found = all(tag);
    expect(found.length).toBeLessThanOrEqual(1);
    return textOf(found[0]);
  };
  const triggers = all('Triggers')[0];
  return {
    securityDescriptor: one('SecurityDescriptor'),
    principalId: all('Principal').map((p) => p['@id'] ?? null),
    actionsContext: all('Actions').map((a) => a['@Context'] ?? null),
    userId: one('UserId'),
    groupId: one('GroupId'),
    runLevel: one('RunLevel'),
    command: one('Command'),
    arguments: one('Arguments'),
    calendarTriggers: all('CalendarTrigger').map((t) => ({
      start: textOf(all('StartBoundary', t)[0]) ?? undefined,
      everyDays: textOf(all('DaysInterval', t)[0]) ?? undefined,
    })),
    otherTriggers:
      triggers === undefined || typeof triggers === 'string'
        ? 0
        : Object.entries(triggers)
            .filter(([key]) => !key.startsWith('@') && key !== 'CalendarTrigger' && key !== '#text')
            .flatMap(([, v]) => (Array.isArray(v) ? v : [v])).length,
    multipleInstances: one('MultipleInstancesPolicy'),
    timeLimit: one('ExecutionTimeLimit'),
    priority: one('Priority'),
    onBatteries: one('DisallowStartIfOnBatteries'),
  };
}

describe('the installer’s switches, run under wine', () => {
  let prefix: string;
  let env: NodeJS.ProcessEnv;
  const driveC = () => path.join(prefix, 'drive_c');
  const kioskDir = () => path.join(driveC(), 'ProgramData', 'SatisfactionKiosk');
  const configFile = () => path.join(kioskDir(), 'config.json');
  const installDir = () => path.join(driveC(), 'Program Files', 'SatisfactionKiosk');
  /** Where wine's Task Scheduler keeps a registered task. */
  const registeredTask = (name: string) => path.join(driveC(), 'windows', 'system32', 'tasks', 'SatisfactionKiosk', name);
  const installLog = () => fs.readFileSync(path.join(kioskDir(), 'logs', 'install.log'), 'latin1');
  const lastLogLine = () =>
    installLog()
      .trimEnd()
      .split('\r\n')
      .at(-1)!
      .replace(/^\S+ \S+ /, '');

  /**
   * Runs a wine command. Its output goes to a file, not a pipe: wine's own background
   * processes (wineserver, winedevice) inherit the handles and would hold a pipe open long
   * after the command itself has exited.
   */
  function wine(args: string[], wineEnv: NodeJS.ProcessEnv = env): Promise<{ code: number; stdout: string }> {
    const outFile = path.join(t.dir, 'wine-output.txt');
    const fd = fs.openSync(outFile, 'w');
    const child = spawn('wine', args, { env: wineEnv, stdio: ['ignore', fd, fd] });
    fs.closeSync(fd);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`wine ${args.join(' ')} took over two minutes`));
      }, 120_000);
      child.once('error', reject);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve({ code: code ?? 1, stdout: fs.readFileSync(outFile, 'utf8') });
      });
    });
  }

  /**
   * Runs a command line as Windows would receive it (through the launcher; see wine-tools.nsi)
   * and returns the program's exit code as the launcher saw it, not wine's exit status (a busy
   * machine once gave 0 where the installer refuses with 2, and which layer lost it is not
   * known). When the launcher could not start the program, or never ran, that is wine's
   * failure, not the installer's: it is tried once more, and reported if it fails again.
   */
  async function run(commandLine: string): Promise<number> {
    const resultFile = path.join(driveC(), 'kiosk-test', 'result.txt');
    fs.writeFileSync(path.join(driveC(), 'kiosk-test', 'line.txt'), Buffer.from(commandLine, 'utf16le'));
    let failure = '';
    for (let attempt = 1; attempt <= 2; attempt++) {
      fs.rmSync(resultFile, { force: true });
      const launched = await wine(['C:\\kiosk-test\\launcher.exe']);
      const result = fs.existsSync(resultFile) ? fs.readFileSync(resultFile, 'latin1') : 'no result file';
      const code = /^exit (\d+)$/.exec(result);
      if (code) return Number(code[1]);
      failure += `\nattempt ${attempt}: ${result} (wine exit status ${launched.code}) ${launched.stdout}`;
    }
    throw new Error(`${commandLine}: the launcher did not run it${failure}`);
  }

  const install = (switches: string) => run(`"C:\\kiosk-test\\harness.exe" /S ${switches}`);

  async function regQuery(key: string, value: string): Promise<string | null> {
    // What reg printed decides, not wine's exit status (see run()): a missing value prints
    // an error and no REG_SZ line.
    const r = await wine(['reg', 'query', key, '/v', value]);
    const match = new RegExp(`^\\s*${value}\\s+REG_SZ\\s+(.*)$`, 'm').exec(r.stdout.replace(/\r/g, ''));
    return match ? match[1]! : null;
  }

  function icaclsCalls(): string[] {
    const file = path.join(driveC(), 'kiosk-test', 'icacls.txt');
    if (!fs.existsSync(file)) return [];
    const calls = fs.readFileSync(file).toString('utf16le').split('\r\n').filter(Boolean);
    fs.rmSync(file);
    return calls.map((c) => c.replace(/^"C:\\windows\\system32\\icacls\.exe" /i, ''));
  }

  function schtasksCalls(): string[] {
    const file = path.join(driveC(), 'kiosk-test', 'schtasks.txt');
    if (!fs.existsSync(file)) return [];
    const calls = fs.readFileSync(file).toString('utf16le').split('\r\n').filter(Boolean);
    fs.rmSync(file);
    return calls.map((c) => c.replace(/^"C:\\windows\\system32\\schtasks\.exe" /i, ''));
  }

  function writeShareConfig(name: string, body: object): string {
    fs.mkdirSync(path.join(driveC(), 'share'), { recursive: true });
    fs.writeFileSync(path.join(driveC(), 'share', name), JSON.stringify(body, null, 2));
    return `C:\\share\\${name}`;
  }

  beforeAll(async () => {
    if (!hasCommand('wine')) throw new Error('These tests run the installer under wine: install Debian’s wine (apt-get install wine)');
    prefix = path.join(t.dir, 'wineprefix');
    // No Mono or Gecko download prompts, no debug chatter, and the recorder below instead of
    // wine's built-in icacls.
    env = { ...process.env, WINEPREFIX: prefix, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=;icacls.exe=n;schtasks.exe=n' };
    // One wineserver for every run below, instead of one started and stopped per program.
    fs.mkdirSync(prefix);
    expect(spawnSync('wineserver', ['-p'], { env, stdio: 'ignore' }).status).toBe(0);
    const boot = await wine(['wineboot', '--init']);
    expect(boot.code).toBe(0);
    const tools = path.join(driveC(), 'kiosk-test');
    fs.mkdirSync(tools, { recursive: true });
    const builds: [string, Record<string, string | null>][] = [
      [HARNESS, { INSTALLER_NSH, OUT_FILE: path.join(tools, 'harness.exe') }],
      [
        HARNESS,
        {
          INSTALLER_NSH,
          OUT_FILE: path.join(tools, 'uninstaller-writer.exe'),
          HARNESS_UNINSTALL: null,
          UNINSTALLER_OUT_FILE: 'C:\\kiosk-test\\kiosk-uninst.exe',
        },
      ],
      [
        WINE_TOOLS,
        { OUT_FILE: path.join(tools, 'launcher.exe'), LAUNCHER: null, LINE_FILE: 'C:\\kiosk-test\\line.txt', RESULT_FILE: 'C:\\kiosk-test\\result.txt' },
      ],
      [WINE_TOOLS, { OUT_FILE: path.join(driveC(), 'windows', 'system32', 'icacls.exe'), RECORDER: null, RECORD_FILE: 'C:\\kiosk-test\\icacls.txt' }],
      [WINE_TOOLS, { OUT_FILE: path.join(driveC(), 'windows', 'system32', 'schtasks.exe'), RECORDER: null, RECORD_FILE: 'C:\\kiosk-test\\schtasks.txt' }],
    ];
    for (const [script, defines] of builds) {
      const r = await makensis(script, defines, 'amd64-unicode');
      expect(r.output).not.toMatch(/warning/i);
      expect(r.code).toBe(0);
    }
    expect(await run('"C:\\kiosk-test\\uninstaller-writer.exe"')).toBe(0);
    expect(fs.existsSync(path.join(tools, 'kiosk-uninst.exe'))).toBe(true);
  }, 180_000);

  afterAll(() => {
    if (env) spawnSync('wineserver', ['-k'], { env, stdio: 'ignore' });
  });

  it('/CONFIG= copies the file on first install, makes the folders, sets permissions and the Run entry', async () => {
    const source = writeShareConfig('kiosk.json', { unit: { code: 'TTPVHCC-PKU', name: 'Trung tâm Phục vụ hành chính công' }, kiosk: { id: 'pku-q1' } });
    expect(await install(`/CONFIG=${source}`)).toBe(0);
    expect(fs.readFileSync(configFile())).toEqual(fs.readFileSync(path.join(driveC(), 'share', 'kiosk.json')));
    for (const dir of ['data', 'logs', 'languages']) expect(fs.statSync(path.join(kioskDir(), dir)).isDirectory()).toBe(true);
    expect(await regQuery(RUN_KEY, 'SatisfactionKiosk')).toBe(INSTALLED_EXE);
    expect(await regQuery(SETTINGS_KEY, 'KioskUser')).toBe('*S-1-5-32-545');
    const root = 'C:\\ProgramData\\SatisfactionKiosk';
    expect(icaclsCalls()).toEqual([
      `"${root}" /reset /T /C /Q`,
      `"${root}" /inheritance:r /grant:r *S-1-5-32-544:(OI)(CI)F *S-1-5-18:(OI)(CI)F "*S-1-5-32-545:(OI)(CI)RX" /C /Q`,
      // The SYSTEM update run's log folder: the kiosk's account reads it, and may not write there.
      `"${root}\\logs\\system-update" /inheritance:r /grant:r *S-1-5-32-544:(OI)(CI)F *S-1-5-18:(OI)(CI)F "*S-1-5-32-545:(OI)(CI)RX" /C /Q`,
      `"${root}\\data" /grant:r "*S-1-5-32-545:(OI)(CI)M" /C /Q`,
      `"${root}\\logs" /grant:r "*S-1-5-32-545:(OI)(CI)M" /C /Q`,
    ]);
    expect(installLog()).toContain(`config.json copied from ${source}`);
  });

  it('writes the update tasks (SYSTEM, users may run them) and the start task, and registers all three with schtasks', () => {
    const exe = 'C:\\Program Files\\SatisfactionKiosk\\SatisfactionKiosk.exe';
    const settings = { multipleInstances: 'IgnoreNew', onBatteries: 'false' };
    const system = {
      securityDescriptor: 'D:(A;;FA;;;SY)(A;;FA;;;BA)(A;;GRGX;;;BU)',
      principalId: ['Author'],
      actionsContext: ['Author'],
      userId: 'S-1-5-18',
      groupId: null,
      runLevel: 'HighestAvailable',
      command: exe,
      timeLimit: 'PT1H',
      priority: '7',
      otherTriggers: 0,
      ...settings,
    };
    expect(readTaskXml(path.join(installDir(), 'tasks', 'Update.xml'))).toEqual({
      ...system,
      arguments: '--system-update',
      calendarTriggers: [{ start: '2026-01-01T02:30:00', everyDays: '1' }],
    });
    expect(readTaskXml(path.join(installDir(), 'tasks', 'Update now.xml'))).toEqual({
      ...system,
      arguments: '--system-update --now',
      calendarTriggers: [],
    });
    expect(readTaskXml(path.join(installDir(), 'tasks', 'Start.xml'))).toEqual({
      securityDescriptor: null,
      principalId: ['Author'],
      actionsContext: ['Author'],
      userId: null,
      groupId: 'S-1-5-32-545',
      runLevel: 'LeastPrivilege',
      command: exe,
      arguments: null,
      calendarTriggers: [],
      otherTriggers: 0,
      timeLimit: 'PT0S',
      priority: '4',
      ...settings,
    });
    const tasksDir = 'C:\\Program Files\\SatisfactionKiosk\\tasks';
    const creates = [
      `/Create /XML "${tasksDir}\\Update.xml" /TN "\\SatisfactionKiosk\\Update" /F`,
      `/Create /XML "${tasksDir}\\Update now.xml" /TN "\\SatisfactionKiosk\\Update now" /F`,
      `/Create /XML "${tasksDir}\\Start.xml" /TN "\\SatisfactionKiosk\\Start" /F`,
    ];
    // The first install's calls, exactly; an ordinary install does not start the kiosk.
    expect(schtasksCalls()).toEqual(creates);
    const log = installLog();
    for (const call of creates) expect(log).toContain(`schtasks ${call}: exit code 0`);
  });

  it('wine’s own schtasks accepts the written definitions and registers them under their names', async () => {
    // Wine's builtin schtasks instead of the recorder. Its task service cannot start in the
    // wineserver that ran wineboot (the service database stays locked): start a fresh one.
    // The service may still be starting at the first call, so each is tried until a deadline.
    expect(spawnSync('wineserver', ['-k'], { env, stdio: 'ignore' }).status).toBe(0);
    expect(spawnSync('wineserver', ['-p'], { env, stdio: 'ignore' }).status).toBe(0);
    const builtin = { ...env, WINEDLLOVERRIDES: 'mscoree,mshtml=;icacls.exe=n;schtasks.exe=b' };
    for (const name of ['Update', 'Update now', 'Start']) {
      const file = `C:\\Program Files\\SatisfactionKiosk\\tasks\\${name}.xml`;
      const deadline = Date.now() + 45_000;
      let code = -1;
      while (code !== 0 && Date.now() < deadline)
        code = (await wine(['schtasks', '/Create', '/XML', file, '/TN', `\\SatisfactionKiosk\\${name}`, '/F'], builtin)).code;
      expect(code).toBe(0);
      expect(fs.existsSync(registeredTask(name))).toBe(true);
    }
    // The same schtasks refuses a definition that is not one, so the registrations above mean something.
    fs.writeFileSync(path.join(driveC(), 'kiosk-test', 'not-a-task.xml'), '<Task><Actions>');
    expect((await wine(['schtasks', '/Create', '/XML', 'C:\\kiosk-test\\not-a-task.xml', '/TN', '\\NotATask', '/F'], builtin)).code).not.toBe(0);
    expect(fs.existsSync(path.join(driveC(), 'windows', 'system32', 'tasks', 'NotATask'))).toBe(false);
  }, 240_000);

  it('keeps an existing configuration unless /FORCECONFIG, which moves the old one to config.json.bak', async () => {
    const before = fs.readFileSync(configFile());
    const other = writeShareConfig('other.json', { unit: { code: 'OTHER', name: 'Đơn vị khác' }, kiosk: { id: 'k-2' } });
    expect(await install(`/CONFIG=${other}`)).toBe(0);
    expect(fs.readFileSync(configFile())).toEqual(before);
    expect(lastLogLine()).toBe('start-up entry HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\SatisfactionKiosk written');
    expect(installLog()).toContain('config.json exists and is kept (add /FORCECONFIG to replace it)');

    expect(await install(`/CONFIG=${other} /FORCECONFIG`)).toBe(0);
    expect(JSON.parse(fs.readFileSync(configFile(), 'utf8'))).toEqual({ unit: { code: 'OTHER', name: 'Đơn vị khác' }, kiosk: { id: 'k-2' } });
    expect(fs.readFileSync(path.join(kioskDir(), 'config.json.bak'))).toEqual(before);
    icaclsCalls();
  }, 90_000);

  it('/UNIT= /KIOSKID= /SERVER= /TOKEN= … write a configuration the kiosk accepts, every value exactly as given', async () => {
    const name = 'Trung tâm "Phục vụ" hành chính công\\Pleiku – 𝔸';
    const token = 'tok/en+x=="\\';
    const pinHash = 'scrypt$32768$8$1$R2ngjYPrnNPF/6QfKMcLbg==$CSbYx9+x3jSlG9J/e45QJF2ZsOwBSDt5KmXgzjmOq+c=';
    const switches = [
      '/UNIT=TTPVHCC-PKU',
      `/UNITNAME='${name}'`,
      '/KIOSKID=pku.q1_a',
      '/SERVER="https://city.example/kiosk/api"',
      `/TOKEN='${token}'`,
      `/PINHASH="${pinHash}"`,
      '/UPDATEURL="https://city.example/kiosk-updates/"',
      '/KIOSKUSER=Administrators',
      '/FORCECONFIG',
    ].join(' ');
    expect(await install(switches)).toBe(0);
    const text = fs.readFileSync(configFile(), 'utf8');
    // ASCII only: every other character is a \u escape, which no code page can garble.
    expect(text).toMatch(/^[\x20-\x7e\r\n]*$/);
    const parsed = parseConfigText(text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    expect(parsed.value.unit).toMatchObject({ code: 'TTPVHCC-PKU', name });
    expect(parsed.value.kiosk.id).toBe('pku.q1_a');
    expect(parsed.value.server).toMatchObject({ url: 'https://city.example/kiosk/api', token });
    expect(parsed.value.updates.url).toBe('https://city.example/kiosk-updates/');
    expect(parsed.value.admin.pinHash).toBe(pinHash);
    expect(await regQuery(SETTINGS_KEY, 'KioskUser')).toBe('Administrators');
    expect(icaclsCalls()[1]).toContain('"Administrators:(OI)(CI)RX"');
    const log = installLog();
    expect(log).not.toContain('tok/en');
    expect(log).not.toContain('R2ngjYPrnNPF');
    expect(log).toContain('config.json written from the switches: unit TTPVHCC-PKU, kiosk pku.q1_a, server https://city.example/kiosk/api, token given');
  });

  it('without /UNITNAME= the unit code stands in for the name, and the log says to fix it', async () => {
    expect(await install('/UNIT=X-1 /KIOSKID=k-1 /FORCECONFIG')).toBe(0);
    expect(JSON.parse(fs.readFileSync(configFile(), 'utf8'))).toEqual({ unit: { code: 'X-1', name: 'X-1' }, kiosk: { id: 'k-1' } });
    expect(installLog()).toContain("no /UNITNAME=: unit.name is the unit code; edit config.json to give the unit's full name");
    icaclsCalls();
  });

  it.each([
    ['/CONFIG=C:\\share\\missing.json', '/CONFIG=C:\\share\\missing.json: the file cannot be read'],
    ['/CONFIG=C:\\share\\kiosk.json /UNIT=X', '/CONFIG= cannot be combined with /UNIT='],
    ['/UNIT="two words" /KIOSKID=k', '/UNIT= is required with the other settings: the unit code, 1 to 64 of A-Z a-z 0-9 . _ -'],
    ['/UNIT=X /SERVER="https://x.example" /TOKEN=t', '/KIOSKID= is required with the other settings'],
    // Unquoted, GetOptions ends the value at the first "/": "https:".
    ['/UNIT=X /KIOSKID=k /SERVER=https://x.example /TOKEN=t', '/SERVER= must be given with /TOKEN= and start with https://'],
    ['/UNIT=X /KIOSKID=k /SERVER="http://x.example" /TOKEN=t', '/SERVER= must be given with /TOKEN= and start with https://'],
    ['/UNIT=X /KIOSKID=k /SERVER="https://x.example"', '/TOKEN= is required with /SERVER='],
    ['/UNIT=X /KIOSKID=k /PINHASH=123456', '/PINHASH= must be the scrypt$... line printed by the hash-pin command'],
    ['/UNIT=X /KIOSKID=k /UPDATEURL="http://x.example/"', '/UPDATEURL= must start with https://'],
    ['/UNIT=X /KIOSKID=k /KIOSKUSER=nosuchkioskuser', '/KIOSKUSER=nosuchkioskuser: no such Windows account (error 1332)'],
    [`/UNIT=X /KIOSKID=k /UNITNAME="${'a'.repeat(1000)}"`, 'the command line is longer than 1023 characters'],
  ])('refuses %s with exit code 2, changing nothing', async (switches, message) => {
    const before = fs.readFileSync(configFile());
    expect(await install(`${switches} /FORCECONFIG`)).toBe(2);
    expect(lastLogLine()).toContain(`install refused: ${message}`);
    expect(fs.readFileSync(configFile())).toEqual(before);
    expect(icaclsCalls()).toEqual([]);
  });

  it('/NORUN removes the start-up entry; an update (--updated) leaves it as IT chose', async () => {
    expect(await install('/NORUN')).toBe(0);
    expect(await regQuery(RUN_KEY, 'SatisfactionKiosk')).toBeNull();
    expect(await install('--updated')).toBe(0);
    expect(await regQuery(RUN_KEY, 'SatisfactionKiosk')).toBeNull();
    // Under Shell Launcher (no Run entry) the shell brings the kiosk back, not the installer.
    expect(lastLogLine()).toBe('update: no start-up entry, so the kiosk is not started here (Shell Launcher or a sign-in starts it)');
    expect(schtasksCalls().filter((c) => c.startsWith('/Run'))).toEqual([]);
    expect(await install('')).toBe(0);
    expect(await regQuery(RUN_KEY, 'SatisfactionKiosk')).toBe(INSTALLED_EXE);
    // The account chosen at the earlier install is kept when no /KIOSKUSER= is given.
    expect(icaclsCalls().at(-1)).toContain('"Administrators:(OI)(CI)M"');
  }, 90_000);

  it('an update with the start-up entry re-registers the tasks and starts the kiosk again through the Start task', async () => {
    schtasksCalls();
    expect(await install('--updated')).toBe(0);
    const calls = schtasksCalls();
    expect(calls.filter((c) => c.startsWith('/Create /XML '))).toHaveLength(3);
    expect(calls.at(-1)).toBe('/Run /TN "\\SatisfactionKiosk\\Start"');
    expect(lastLogLine()).toBe('schtasks /Run /TN "\\SatisfactionKiosk\\Start": exit code 0');
    expect(await regQuery(RUN_KEY, 'SatisfactionKiosk')).toBe(INSTALLED_EXE);
    icaclsCalls();
  }, 90_000);

  it('the uninstaller keeps everything during an update, the data on a plain uninstall, and removes it all with /PURGE', async () => {
    const uninstall = (switches: string) => run(`"C:\\kiosk-test\\kiosk-uninst.exe" /S ${switches} _?=C:\\kiosk-test`);
    const db = path.join(kioskDir(), 'data', 'kiosk.db');
    fs.writeFileSync(db, 'ratings');
    schtasksCalls();

    expect(await uninstall('/KEEP_APP_DATA --updated')).toBe(0);
    expect(await regQuery(RUN_KEY, 'SatisfactionKiosk')).toBe(INSTALLED_EXE);
    expect(fs.readFileSync(db, 'utf8')).toBe('ratings');
    // An update keeps the tasks: the new version registers them again.
    expect(schtasksCalls()).toEqual([]);

    expect(await uninstall('')).toBe(0);
    expect(await regQuery(RUN_KEY, 'SatisfactionKiosk')).toBeNull();
    expect(schtasksCalls()).toEqual([
      '/Delete /TN "\\SatisfactionKiosk\\Update" /F',
      '/Delete /TN "\\SatisfactionKiosk\\Update now" /F',
      '/Delete /TN "\\SatisfactionKiosk\\Start" /F',
    ]);
    expect(fs.readFileSync(db, 'utf8')).toBe('ratings');
    expect(fs.existsSync(configFile())).toBe(true);
    expect(await regQuery(SETTINGS_KEY, 'KioskUser')).toBe('Administrators');

    expect(await uninstall('--updated /PURGE')).toBe(0);
    expect(fs.existsSync(db)).toBe(true);

    expect(await uninstall('/PURGE')).toBe(0);
    expect(fs.existsSync(kioskDir())).toBe(false);
    expect(await regQuery(SETTINGS_KEY, 'KioskUser')).toBeNull();
  }, 90_000);
});
