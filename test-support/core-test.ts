import { test as base } from 'vitest';
import type { CoreOptions } from '../src-main/core';
import type { Ports } from '../src-main/ports';
import { testCore, type TestCore } from './test-core';

/** What a file may ask of its cores (testCore's options); `test.override('coreOptions', …)` sets them. */
export type CoreFixtureOptions = Partial<CoreOptions> & { onDisk?: boolean; printer?: Ports['printer'] };

/**
 * `test` with a core of its own for each test that asks for `core` (a fresh book with fake ports,
 * closed after the test). Needs no server: a file that uses only this stays in the unit tier.
 * The servers' fixtures are in server-test.ts.
 */
export const test = base
  .extend('coreOptions', {} as CoreFixtureOptions)
  .extend('core', async ({ coreOptions }, { onCleanup }): Promise<TestCore> => {
    const t = await testCore(coreOptions);
    onCleanup(() => t.close());
    return t;
  });
