// One PostgreSQL cluster for the integration project's run, stopped at its end whether the
// tests passed or not. A machine without PostgreSQL still runs the other tests; every test
// that needs the cluster fails with the reason and what to install (tests/support/postgres.ts).
import type { TestProject } from 'vitest/node';
import { startPostgresCluster, type PostgresCluster } from './postgres';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let cluster: PostgresCluster | null = null;
  try {
    cluster = await startPostgresCluster();
    project.provide('postgresAdminUrl', cluster.adminUrl);
    project.provide('postgresError', '');
  } catch (error) {
    project.provide('postgresAdminUrl', '');
    project.provide('postgresError', `PostgreSQL test cluster did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  return async () => {
    await cluster?.stop();
  };
}
