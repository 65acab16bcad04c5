// A throw-away PostgreSQL cluster for the tests, from Debian's `postgresql` binaries: initdb
// into a temp dir, the server on 127.0.0.1 and a free port, fsync off (nothing here must
// survive a power cut). One cluster per test run (tests/support/postgres-global-setup.ts),
// one fresh database per test file (testDatabase()). PostgreSQL refuses to run as root, and
// CI runs as root: then the cluster runs as the `postgres` user the Debian package creates.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const TEST_PG_PASSWORD = 'test-only-pg-password-51';
const INSTALL_HINT = 'The PostgreSQL tests need the PostgreSQL server: install it with `apt-get install postgresql` (Debian/Ubuntu).';

/** The directory with initdb, pg_ctl and postgres: pg_config's, Debian's newest, or PATH's. */
export function findPostgresBin(): string {
  const candidates: string[] = [];
  const fromConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (fromConfig.status === 0) candidates.push(fromConfig.stdout.trim());
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    const versions = fs
      .readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(debian, v, 'bin')));
  }
  candidates.push(...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean));
  for (const dir of candidates) {
    if (['initdb', 'pg_ctl', 'postgres'].every((b) => fs.existsSync(path.join(dir, b)))) return dir;
  }
  throw new Error(`no initdb, pg_ctl and postgres found (looked in pg_config --bindir, ${debian}/*/bin and PATH). ${INSTALL_HINT}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface PostgresCluster {
  /** A superuser URL on the `postgres` database. */
  adminUrl: string;
  stop(): Promise<void>;
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = findPostgresBin();
  const asRoot = process.getuid?.() === 0;
  let owner: { uid: number; gid: number } | null = null;
  if (asRoot) {
    try {
      owner = {
        uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
        gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
      };
    } catch {
      throw new Error(`running as root, and PostgreSQL will not run as root; there is no "postgres" user to run it as. ${INSTALL_HINT}`);
    }
  }
  const run = (tool: string, args: string[]) => {
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]] : [path.join(bin, tool), args];
    const r = spawnSync(cmd, argv, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${tool} failed (${r.status ?? r.signal}): ${(r.stderr || r.stdout || String(r.error)).trim().slice(-2000)}`);
  };
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-pg-'));
  const data = path.join(root, 'data');
  const pwfile = path.join(root, 'pw');
  fs.writeFileSync(pwfile, TEST_PG_PASSWORD);
  if (owner) {
    fs.chownSync(root, owner.uid, owner.gid);
    fs.chownSync(pwfile, owner.uid, owner.gid);
  }
  const cleanup = () => fs.rmSync(root, { recursive: true, force: true });
  try {
    // Passwords on every connection, so that the tests of a wrong password mean something.
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    // A port taken between freePort() and the server's bind is retried with another.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const options = [
        `-p ${port}`,
        `-c listen_addresses=127.0.0.1`,
        `-c unix_socket_directories=${root}`,
        '-c fsync=off',
        '-c full_page_writes=off',
        '-c max_connections=300',
      ].join(' ');
      try {
        run('pg_ctl', ['-D', data, '-l', path.join(root, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
      } catch (error) {
        if (attempt < 3) continue;
        const log = fs.existsSync(path.join(root, 'server.log')) ? fs.readFileSync(path.join(root, 'server.log'), 'utf8').slice(-2000) : '';
        throw new Error(`${(error as Error).message}\n${log}`);
      }
      return {
        adminUrl: `postgres://postgres:${TEST_PG_PASSWORD}@127.0.0.1:${port}/postgres`,
        async stop() {
          try {
            run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
          } finally {
            cleanup();
          }
        },
      };
    }
  } catch (error) {
    cleanup();
    throw error;
  }
}

let counter = 0;

/**
 * A fresh, empty database on the run's cluster, dropped by `drop()`. Fails, never skips,
 * when the cluster could not start: the message says what to install.
 */
export async function testDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const { inject } = await import('vitest');
  const error = inject('postgresError');
  if (error) throw new Error(error);
  const adminUrl = inject('postgresAdminUrl');
  if (!adminUrl) throw new Error('no PostgreSQL cluster for this run: the integration project starts one in tests/support/postgres-global-setup.ts');
  const name = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    postgresError: string;
  }
}
