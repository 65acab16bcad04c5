// electron-builder.yml checked against electron-builder's own JSON schema, plus the few
// settings the kiosk depends on (no native rebuild, the right files, per-machine NSIS, the
// Electron fuses, the update feed). tests/integration/packaging/ runs electron-builder itself.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
// js-yaml comes with electron-builder (the same parser it uses for this file).
const yaml = require('js-yaml') as { load(text: string): unknown };
const schema = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };

interface BuilderConfig {
  appId: string;
  productName: string;
  npmRebuild: boolean;
  files: string[];
  asarUnpack: string[];
  directories: { output: string; buildResources: string };
  win: { target: { target: string; arch: string[] }[]; icon: string; signAndEditExecutable?: boolean };
  nsis: Record<string, unknown> & { include: string; installerIcon: string };
  linux: { target: { target: string }[]; icon: string };
  electronFuses: Record<string, boolean>;
  publish: { provider: string; url: string; channel?: string }[];
}

const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  return ajv.compile(schema);
}

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s JSON schema', () => {
    const validate = validator();
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check catches mistakes (so the test above can fail)', () => {
    const validate = validator();
    expect(validate({ ...config, npmRebuld: false })).toBe(false);
    expect(validate({ ...config, nsis: { ...config.nsis, oneClick: 'no' } })).toBe(false);
    expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } })).toBe(false);
    expect(validate({ ...config, publish: [{ provider: 'generic' }] })).toBe(false);
  });

  it('sets every Electron fuse the kiosk relies on', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // The asar integrity the fuse checks is embedded in the .exe by electron-builder; code
    // signing may be off for a test build, resource editing must not be switched off here.
    expect(config.win.signAndEditExecutable).toBeUndefined();
  });

  it('publishes a generic feed, so latest.yml is written, at an address that can never resolve', () => {
    expect(config.publish).toHaveLength(1);
    const [feed] = config.publish;
    expect(feed).toMatchObject({ provider: 'generic', channel: 'latest' });
    // The real feed is updates.url in the kiosk configuration (autoUpdater.setFeedURL).
    expect(new URL(feed!.url).hostname.endsWith('.invalid')).toBe(true);
  });

  it('never rebuilds native modules (better-sqlite3 prebuilds are used as shipped)', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('packages the renderer and electron builds, package.json and the main entry', () => {
    expect(config.files).toContain('package.json');
    expect(config.files).toContain('dist/renderer/**/*');
    expect(config.files).toContain('dist/electron/**/*');
    expect(pkg.main).toBe('dist/electron/main.js');
    // The Windows and Linux x64 prebuilds must not be excluded.
    const exclusions = config.files.filter((f) => f.startsWith('!')).join('\n');
    expect(exclusions).not.toMatch(/win32|linux-x64|prebuilds\/\*\*/);
  });

  it('builds a per-machine x64 NSIS installer IT can run silently, keeping ratings on uninstall', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true, allowToChangeInstallationDirectory: false, deleteAppDataOnUninstall: false });
    expect(config.linux.target.map((t) => t.target)).toEqual(['dir']);
    expect(config.directories.output).toBe('release');
  });

  it('includes installer.nsh, with its install, init and uninstall hooks', () => {
    const nsh = fs.readFileSync(path.join(root, config.nsis.include), 'utf8');
    for (const hook of ['customInit', 'customInstall', 'customUnInstall']) expect(nsh).toMatch(new RegExp(`^!macro ${hook}$`, 'm'));
    // During an update the old version's uninstaller runs first: it must keep the data.
    expect(nsh).toMatch(/!macro customUnInstall\s+[\s\S]*?\$\{IfNot\} \$\{isUpdated\}[\s\S]*?RMDir \/r[\s\S]*?!macroend/);
  });

  it('has a 256×256 PNG icon for Linux and an .ico up to 256×256 for Windows', () => {
    const png = fs.readFileSync(path.join(root, config.linux.icon));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([256, 256]);

    // ICONDIR (reserved 0, type 1, count), then 16-byte entries; a width byte 0 means 256.
    expect(config.nsis.installerIcon).toBe(config.win.icon);
    const ico = fs.readFileSync(path.join(root, config.win.icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
      const entry = 6 + 16 * i;
      const data = ico.subarray(ico.readUInt32LE(entry + 12), ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8));
      expect(data.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(data.readUInt32BE(16)).toBe(ico[entry] || 256);
      return ico[entry] || 256;
    });
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });
});
