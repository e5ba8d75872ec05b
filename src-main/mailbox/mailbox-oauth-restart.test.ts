import { describe, expect } from 'vitest';
import type { Ports } from '../ports';
import type { TestLicensing } from '../../test-support/licensing/test-server';
import { test, type OAuthSending } from '../../test-support/oauth-sending';
import { TEST_CA } from '../../test-support/smtp-test-server';
import { testCore, type TestCore } from '../../test-support/test-core';
import { OAUTH_ACCESS_KEY } from '../secrets/secret-names';

// The access token is kept with the sign-in (issue 39 made it so on every kind of book, not only the
// office's): a desktop started again uses it until near its end, and signing out forgets it.

interface RestartParts {
  oauth: OAuthSending;
  printer: Ports['printer'];
  licensing: TestLicensing;
}

/** This desktop started again: the same book and data folder, its secret store and its clock as they were. */
async function restarted(before: TestCore, printer: Ports['printer'], L: TestLicensing): Promise<TestCore> {
  await before.core.close();
  const again = await testCore({
    ...before.sameBook,
    printer,
    onDisk: true,
    smtpCa: [TEST_CA],
    licensing: { url: L.server.url, publicKeyPem: L.publicKeyPem, timeoutMs: 2000 },
  });
  for (const [key, value] of before.ports.secrets.values) await again.ports.secrets.set(key, value);
  again.ports.clock.time = before.ports.clock.time;
  return again;
}

/** One invoice sent with the sign-in, a second queued, and the desktop started again. */
async function sentOneAndRestarted({ oauth, printer, licensing }: RestartParts): Promise<TestCore> {
  await oauth.signIn();
  await oauth.sendInvoice('a@alnoor.ps');
  await oauth.t.core.outbox.runOnce();
  await oauth.sendInvoice('b@alnoor.ps');
  return restarted(oauth.t, printer, licensing);
}

describe('the OAuth2 access token across a restart', () => {
  test('a desktop started again sends with the token it had, without a refresh; signing out forgets it', async ({
    oauth,
    printer,
    licensing,
  }) => {
    const { op, logins } = oauth;
    const again = await sentOneAndRestarted({ oauth, printer, licensing });
    try {
      const before = op.refreshes();
      await again.core.outbox.runOnce();
      expect(op.refreshes() - before).toBe(0);
      expect(logins.map((l) => l.ok)).toEqual([true, true]);
      expect(logins[1]!.token).toBe(logins[0]!.token);
      expect((await again.ok('mail.outbox', {})).items.every((m) => m.status === 'sent')).toBe(true);

      await again.ok('mailbox.signOut', {});
      expect(await again.secret(OAUTH_ACCESS_KEY)).toBeNull();
    } finally {
      await again.close();
    }
  });

  test('a token past its end is not taken after a restart: one refresh, then it sends', async ({
    oauth,
    printer,
    licensing,
  }) => {
    const { op, logins } = oauth;
    const again = await sentOneAndRestarted({ oauth, printer, licensing });
    try {
      again.ports.clock.time = new Date(again.ports.clock.time.getTime() + 2 * 3600_000);
      const before = op.refreshes();
      await again.core.outbox.runOnce();
      expect(op.refreshes() - before).toBe(1);
      expect(logins.map((l) => l.ok)).toEqual([true, true]);
      expect(logins[1]!.token).not.toBe(logins[0]!.token);
    } finally {
      await again.close();
    }
  });
});
