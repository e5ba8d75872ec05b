import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './src-main/host/chromium-printer';

// e2e runs the built app (`npm run build`) through the Node host in Debian's Chromium.
// The limits are for a loaded two-core machine: the 300-document bulk runs beside the other tests
// for most of the run and takes a core, so a dialog that opens in 1 s alone can take 15 s there.
// Waits are on state, so a passing test is no slower for them.
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  workers: 2,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'node-host', testIgnore: 'electron/**' },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' },
  ],
});
