import { expect } from 'vitest';
import { connectionOf } from '../../test-support/fresh-postgres';
import { loopbackMailbox } from '../../test-support/fixtures';
import { test as serverTest } from '../../test-support/server-test';
import { testCore, type TestCore } from '../../test-support/test-core';
import { newOfficeKey } from './office-secrets';

/** Each test: `desktop(officeKey)` opens the test's office book (officeDatabase) with that key; closed after. */
const test = serverTest.extend(
  'desktop',
  async ({ officeDatabase: database }, { onCleanup }): Promise<(officeKey: string) => Promise<TestCore>> => {
    const desktops: TestCore[] = [];
    onCleanup(async () => {
      for (const d of desktops) await d.close();
    });
    return async (officeKey) => {
      const d = await testCore({ office: connectionOf(database.url), officeKey });
      desktops.push(d);
      return d;
    };
  },
);

test('keeps the mailbox password in the book sealed with the office key, which the database never sees', async ({
  desktop,
}) => {
  const key = newOfficeKey();
  const a = await desktop(key);
  await a.ok('mailbox.save', loopbackMailbox(2525, { password: 'correct horse battery' }));
  // Not on the desktop (another desktop could not send with it), and not readable in the book.
  expect([...a.ports.secrets.values.keys()]).not.toContain('smtp.password');
  const rows = await a.core.book.db.selectFrom('office_secrets').selectAll().execute();
  expect(rows.map((r) => r.name).sort()).toEqual(['office.key-check', 'smtp.password']);
  const dump = JSON.stringify(rows);
  expect(dump).not.toContain('correct horse');
  expect(dump).not.toContain(Buffer.from('correct horse').toString('base64url'));
  expect(dump).not.toContain(key);
  // Another desktop with the office key sees that the mailbox has its password.
  const b = await desktop(key);
  expect(await b.ok('mailbox.get', {})).toMatchObject({ passwordSaved: true });
});

test('refuses a desktop whose office key is not the office’s, and one whose key is not a key at all', async ({
  desktop,
}) => {
  await desktop(newOfficeKey());
  await expect(desktop(newOfficeKey())).rejects.toMatchObject({ details: { reason: 'office_key_wrong' } });
  await expect(desktop('not-a-key')).rejects.toMatchObject({
    details: { fields: [{ path: 'officeKey', reason: 'invalid' }] },
  });
});
