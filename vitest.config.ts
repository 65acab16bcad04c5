import { defineConfig } from 'vitest/config';

const shared = { environment: 'node', pool: 'forks', testTimeout: 30_000, hookTimeout: 30_000 } as const;

// Two projects so `npm run test:unit` never waits on the suites that start real processes,
// servers and databases (`npm run test:integration`); a bare `vitest run` runs both.
// On a 2-core machine Vitest runs one integration file at a time. Two at once saved a third of
// the time, but the crash tests' kill points are timed against a migration measured in the
// same run, and a neighbour's load moved them (a flake in CI); they stay one at a time.
export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
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
