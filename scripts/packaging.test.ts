import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { expect, it } from 'vitest';

const projectDir = fileURLToPath(new URL('..', import.meta.url));

it('packages with the fuses set: no run-as-node, NODE_OPTIONS or inspect; asar integrity and only-load-from-asar on', async () => {
  // Loaded as `npm run dist` loads it, and checked against electron-builder's own schema.
  const dist = JSON.parse(readFileSync(`${projectDir}/package.json`, 'utf8')).scripts.dist as string;
  const configFile = /--config (\S+)/.exec(dist)?.[1] ?? null;
  expect(configFile).toBe('electron-builder.config.ts');
  const config = await getConfig(projectDir, configFile, null);
  await validateConfiguration(config, { isEnabled: false, add: () => {} } as never);
  expect(config.electronFuses).toMatchObject({
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
  });
  expect(config.asar).toBe(true);
});
