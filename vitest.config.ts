import { defineConfig } from 'vitest/config';
import { testFilesByTier } from './test-support/tiers';
import { SERVERS_SETUP, sharedTest } from './vitest.shared';

// Two tiers (test-support/tiers.ts decides a file's): `unit` needs no server and runs in seconds
// (npm run test:quick); `integration` gets the run's PostgreSQL and starts the other servers it uses.
// The unit tier goes first, on both cores (its tests are all CPU); the integration tier keeps
// vitest's default of one worker less than the cores, as the ordinary run always had.
const tiers = testFilesByTier(import.meta.dirname);

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...sharedTest,
          name: 'unit',
          include: tiers.unit,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
          env: { DAFTAR_TEST_TIER: 'unit' },
        },
      },
      {
        test: {
          ...sharedTest,
          name: 'integration',
          include: tiers.integration,
          sequence: { groupOrder: 1 },
          globalSetup: [SERVERS_SETUP],
        },
      },
    ],
  },
});
