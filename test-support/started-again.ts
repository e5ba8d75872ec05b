import { locatedBook } from '../src-main/office/book-location';
import { testCore, type TestCore } from './test-core';

/**
 * The same desktop started again, opening the book its saved location names (as the hosts do),
 * with its own secret store carried over: the office password and key are in it.
 */
export async function startedAgain(t: TestCore): Promise<TestCore> {
  await t.core.close();
  const again = await testCore({ dataFolder: t.dataFolder, ...(await locatedBook(t.dataFolder, t.ports.secrets)) });
  for (const [k, v] of t.ports.secrets.values) await again.ports.secrets.set(k, v);
  return again;
}
