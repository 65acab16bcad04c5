// A throw-away PostgreSQL cluster for the city-* benchmarks: the tests' cluster
// (tests/support/postgres.ts), restarted with durability as a province runs it. The tests
// turn fsync off because nothing of theirs must survive a power cut; a benchmark of the
// receiver's ingest would then measure a database that never waits for its disk.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { findPostgresBin, startPostgresCluster, type PostgresCluster } from './postgres';

/**
 * Sizes a database server of a province would have (memory, checkpoint spacing), never
 * durability: fsync, full_page_writes and synchronous_commit stay at PostgreSQL's defaults (on).
 */
export const BENCH_PG_SETTINGS: Readonly<Record<string, string>> = {
  fsync: 'on',
  full_page_writes: 'on',
  synchronous_commit: 'on',
  shared_buffers: '1GB',
  max_wal_size: '4GB',
  maintenance_work_mem: '512MB',
  max_connections: '300',
};

export interface BenchPostgresCluster extends PostgresCluster {
  /** The postmaster's process id, whose children are the backends (for CPU accounting). */
  postmasterPid(): number;
}

export async function startBenchPostgresCluster(): Promise<BenchPostgresCluster> {
  const cluster = await startPostgresCluster();
  try {
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    let dataDir: string;
    let socketDir: string;
    try {
      dataDir = (await admin.query<{ d: string }>("SELECT current_setting('data_directory') AS d")).rows[0]!.d;
      socketDir = (await admin.query<{ s: string }>("SELECT current_setting('unix_socket_directories') AS s")).rows[0]!.s;
    } finally {
      await admin.end();
    }
    const port = new URL(cluster.adminUrl).port;
    const options = [
      `-p ${port}`,
      '-c listen_addresses=127.0.0.1',
      `-c unix_socket_directories=${socketDir}`,
      ...Object.entries(BENCH_PG_SETTINGS).map(([k, v]) => `-c ${k}=${v}`),
    ].join(' ');
    const pgCtl = path.join(findPostgresBin(), 'pg_ctl');
    const args = ['-D', dataDir, '-l', path.join(socketDir, 'server.log'), '-o', options, '-w', '-t', '60', 'restart'];
    // PostgreSQL refuses to run as root: the tests' cluster then belongs to `postgres`.
    const r =
      process.getuid?.() === 0
        ? spawnSync('runuser', ['-u', 'postgres', '--', pgCtl, ...args], { encoding: 'utf8' })
        : spawnSync(pgCtl, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`pg_ctl restart failed (${r.status ?? r.signal}): ${(r.stderr || r.stdout || String(r.error)).trim().slice(-2000)}`);
    return {
      ...cluster,
      postmasterPid: () => Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]),
    };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

/** A new, empty database on the cluster; its URL. */
export async function createBenchDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
