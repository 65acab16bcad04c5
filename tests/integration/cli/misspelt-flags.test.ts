// The web host and the city server, started as people and supervisors start them: a
// misspelt flag stops them with exit 2 naming it, instead of serving on defaults.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/web-host';

function run(script: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // Node with tsx as a loader, as tests/support/web-host.ts starts the host.
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // A CLI that ignored the flag would be serving: stop it so the test fails instead of hanging.
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('a misspelt flag exits 2 naming it', () => {
  it('on the web host (npm run start:web)', async () => {
    const [misspelt, badPort] = await Promise.all([run('electron/web-host/cli.ts', ['--prot', '0']), run('electron/web-host/cli.ts', ['--port', '80a'])]);
    expect({ code: misspelt.code, stdout: misspelt.stdout }).toEqual({ code: 2, stdout: '' });
    expect(misspelt.stderr).toContain('unknown flag --prot\nUsage: npm run start:web');
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('--port must be a whole number from 0 to 65535 (got "80a")');
  });

  it('on the city server (npm run city-server)', async () => {
    const r = await run('server/cli.ts', ['--port', '0', '--token', 'tokens.json']);
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
    expect(r.stderr).toContain('unknown flag --token\nUsage: npm run city-server');
  });
});
