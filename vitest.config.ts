import { defineConfig } from 'vitest/config';

const shared = { environment: 'node', pool: 'forks', testTimeout: 30_000, hookTimeout: 30_000 } as const;

// Two projects so `npm run test:unit` never waits on the suites that start real processes,
// servers and databases (`npm run test:integration`); a bare `vitest run` runs both.
// On a 2-core machine Vitest would run one file at a time (its default is the cores less
// one): `test:unit` and `test:integration` both ask for two (--maxWorkers=2). The integration
// files mostly wait on child processes and sockets; the unit files left a third of the two
// cores idle with one.
// Anything timed against the machine's speed must keep its own clock for that (the crash
// tests' children time their own kills): a neighbour file's load is normal here.
export default defineConfig({
  test: {
    projects: [
      // Threads start faster than forks (unit files import, assert and leave); the integration
      // files keep forks, since they start and signal processes of their own.
      { test: { ...shared, pool: 'threads', name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        test: {
          ...shared,
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          // One throw-away PostgreSQL cluster for the run (the receiver's tests on PostgreSQL).
          globalSetup: ['tests/support/postgres-global-setup.ts'],
        },
      },
    ],
  },
});
