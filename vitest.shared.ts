import type { ViteUserConfig } from 'vitest/config';

/** What every test run shares: the ordinary run's two projects and the office tier. */
export const sharedTest = {
  environment: 'node',
  testTimeout: 20_000,
} satisfies ViteUserConfig['test'];

/** Starts the servers the integration tests share (PostgreSQL); the unit tier runs without it. */
export const SERVERS_SETUP = 'vitest.global-setup.ts';
