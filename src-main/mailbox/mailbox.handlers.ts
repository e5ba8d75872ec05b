import { checkDomain, dnsLookup } from './deliverability';
import { NOT_JUDGED, TEST_MESSAGE, toMailbox } from './mailbox-view';
import type { ImapFlow } from 'imapflow';
import { mailboxApi, type MailboxInput, type ReaderStatus, type SmtpOutcome } from '../../src-shared/api/mailbox.api';
import { validateAddress } from '../../src-shared/email/addresses';
import type { MailPresetId } from '../../src-shared/email/mail-presets';
import { AppError } from '../../src-shared/errors';
import { isOpenableUrl } from '../ports';
import type { DomainHandlers, Services } from '../registry';
import { loadProperties } from '../settings/properties';
import { readMailbox, writeMailbox } from '../company/company.repo';
import { checkMailbox, oauthTargetOf, resolveMailbox, savedServerOf, SMTP_PASSWORD_KEY } from './mailbox-account';
import { refuseSecretInClear, sameServer } from './secret-binding';
import { OAUTH_REFRESH_KEY, type OAuthGrant } from './oauth/oauth-grant';
import { classifySmtpError, createSmtpTransport, smtpReply } from './smtp';
import {
  classifyImapError,
  createImapClient,
  findSentFolder,
  IMAP_PASSWORD_KEY,
  imapReply,
  bindPasswordToImap,
  imapServerOf,
  imapSettingsOf,
  resolveImapAccount,
  type ImapAccount,
} from '../mail/imap/imap-account';
import { readBackMessage } from '../mail/imap/authentication-results';
import { ensureSentFolder, NoSentFolder } from '../mail/imap/sent-folder';

export { SMTP_PASSWORD_KEY };

/** What follows a saved mailbox, beyond the book: the outbox tries again with it. */
export interface MailboxHooks {
  saved(): Promise<void>;
  /** How the mailbox reader of this desktop is doing. */
  readerStatus(): ReaderStatus;
}

export const mailboxHandlers = (services: Services, grant: OAuthGrant, hooks: MailboxHooks) => {
  const {
    book: { db },
    ports,
    config,
  } = services;
  const smtpOptions = { ca: config.smtpCa, timeoutMs: config.smtpTimeoutMs };

  const resolveAccount = (draft: MailboxInput | undefined) => resolveMailbox(services, grant, draft);
  const current = async () =>
    toMailbox(await readMailbox(db), {
      password: (await ports.secrets.get(SMTP_PASSWORD_KEY)) !== null,
      refreshToken: (await ports.secrets.get(OAUTH_REFRESH_KEY)) !== null,
      imapPassword: (await ports.secrets.get(IMAP_PASSWORD_KEY)) !== null,
    });

  /** One IMAP session (the form as typed, or the saved mailbox); a failure is one of the SMTP test's reasons. */
  async function onImap<T>(
    draft: MailboxInput | undefined,
    work: (client: ImapFlow, account: ImapAccount) => Promise<T>,
  ): Promise<{ outcome: 'ok'; value: T } | { outcome: Exclude<SmtpOutcome, 'ok'>; reply: string }> {
    const account = await resolveImapAccount(services, grant, draft);
    const client = createImapClient(account, smtpOptions);
    // A failed connection also reports on the client: already answered below.
    client.on('error', () => undefined);
    try {
      await client.connect();
      return { outcome: 'ok', value: await work(client, account) };
    } catch (error) {
      const outcome = classifyImapError(error);
      return { outcome: outcome === 'ok' ? 'error' : outcome, reply: imapReply(error) };
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  return {
    'mailbox.get': current,

    'mailbox.startSignIn': async ({ servers, ...choice }) => {
      // The servers its tokens may go to: the form's, else the saved mailbox's (IMAP: when it signs in as SMTP does).
      const row = await readMailbox(db);
      const { authorizationUrl } = await grant.startSignIn(
        choice,
        servers ?? [row.host, row.imap_enabled === 1 && !row.imap_username ? row.imap_host : ''],
      );
      // Electron opens the system browser; the Node host's window opens a tab itself.
      let opened = false;
      if (config.host === 'electron' && isOpenableUrl(authorizationUrl)) {
        await ports.opener.open(authorizationUrl);
        opened = true;
      }
      return { authorizationUrl, opened };
    },

    'mailbox.finishSignIn': async () => {
      const { account, target } = await grant.finishSignIn();
      await writeMailbox(db, {
        sign_in: 'oauth2',
        oauth_provider: target.provider,
        oauth_issuer: target.issuer,
        oauth_client_id: target.clientId,
        oauth_account: account,
        updated_at: ports.clock.now().toISOString(),
      });
      // A queue held for "sign in again" can go now.
      await hooks.saved();
      return current();
    },

    'mailbox.signOut': async () => {
      await grant.signOut();
      await writeMailbox(db, { oauth_account: '', updated_at: ports.clock.now().toISOString() });
      return current();
    },

    'mailbox.save': async (input) => {
      const m = checkMailbox(input, false);
      const before = await readMailbox(db);
      const now = ports.clock.now().toISOString();
      const imap = input.imap;
      // A saved secret belongs to the server it was saved for: a save that changes that server
      // forgets it unless a new one is typed (secret-binding.ts).
      const serverChanged = !sameServer(m, savedServerOf(before));
      const imapServer = { host: imap.host.trim(), port: imap.port, security: imap.security, username: imap.username };
      const imapServerChanged = !sameServer(imapServer, imapServerOf(imapSettingsOf(before)));
      const keepsPassword =
        !input.clearPassword &&
        (!!input.password || (!serverChanged && (await ports.secrets.get(SMTP_PASSWORD_KEY)) !== null));
      // The OAuth2 sign-in is forgotten when sign-in leaves OAuth2, or the form names a server it was
      // not given for (its SMTP host, or its IMAP host when IMAP signs in as SMTP does).
      const target = oauthTargetOf(before);
      const forgetsGrant =
        (await ports.secrets.get(OAUTH_REFRESH_KEY)) !== null &&
        (input.signIn !== 'oauth2' ||
          (m.host !== '' && !(await grant.mayReach(target, m.host))) ||
          (imap.enabled &&
            !imap.username.trim() &&
            imapServer.host !== '' &&
            !(await grant.mayReach(target, imapServer.host))));
      const sendsSecret = input.signIn === 'oauth2' ? !forgetsGrant : keepsPassword;
      // Refused before anything is written: the mailbox stays as it was.
      if (m.host && sendsSecret) refuseSecretInClear('security', m);
      if (imap.enabled && imapServer.host) {
        const keepsImapPassword =
          !!input.imapPassword || (!imapServerChanged && (await ports.secrets.get(IMAP_PASSWORD_KEY)) !== null);
        if (imap.username.trim() ? keepsImapPassword : sendsSecret) refuseSecretInClear('imap.security', imapServer);
      }
      await writeMailbox(db, {
        imap_enabled: imap.enabled ? 1 : 0,
        imap_host: imap.host.trim(),
        imap_port: imap.port,
        imap_security: imap.security,
        imap_username: imap.username.trim(),
        sent_copy: imap.sentCopy ? 1 : 0,
        sent_folder: imap.sentFolder.trim(),
        // Reading starts from now: mail that was there before is never read.
        imap_since: imap.enabled ? (before.imap_enabled ? before.imap_since : now) : before.imap_since,
        display_name: m.displayName,
        address: m.address,
        reply_to: m.replyTo,
        host: m.host,
        port: m.port,
        security: m.security,
        username: m.username,
        sign_in: input.signIn,
        preset: input.preset,
        limit_per_message: input.limits.recipientsPerMessage,
        limit_per_minute: input.limits.messagesPerMinute,
        limit_per_day: input.limits.recipientsPerDay,
        updated_at: ports.clock.now().toISOString(),
      });
      if (input.password && !input.clearPassword) {
        await ports.secrets.set(SMTP_PASSWORD_KEY, input.password);
        // Typed with an IMAP server that signs in as sending does: it may go there too, and nowhere else.
        await bindPasswordToImap(ports.secrets, imap.username.trim() ? null : imapServer);
      } else if (!keepsPassword) {
        await ports.secrets.delete(SMTP_PASSWORD_KEY);
        await bindPasswordToImap(ports.secrets, null);
      }
      if (forgetsGrant) {
        await grant.signOut();
        await writeMailbox(db, { oauth_account: '', updated_at: now });
      }
      if (input.imapPassword) await ports.secrets.set(IMAP_PASSWORD_KEY, input.imapPassword);
      else if (!imap.username.trim() || imapServerChanged) await ports.secrets.delete(IMAP_PASSWORD_KEY);
      await hooks.saved();
      return current();
    },

    'mailbox.testConnection': async ({ draft }) => {
      const { account } = await resolveAccount(draft);
      const transport = createSmtpTransport(account, smtpOptions);
      try {
        await transport.verify();
        return { outcome: 'ok' as const, reply: null };
      } catch (error) {
        return { outcome: classifySmtpError(error), reply: smtpReply(error) };
      } finally {
        transport.close();
      }
    },

    'mailbox.testImap': async ({ draft }) => {
      // With Sent copies on, the folder is made where the mailbox has none, as the reader would.
      const done = await onImap(draft, async (client, account) => {
        if (!account.sentCopy) return { folder: await findSentFolder(client, account.sentFolder), reply: null };
        try {
          return { folder: await ensureSentFolder(client, account.sentFolder), reply: null };
        } catch (error) {
          if (error instanceof NoSentFolder) return { folder: null, reply: error.reply };
          throw error;
        }
      });
      return done.outcome === 'ok'
        ? { outcome: 'ok' as const, reply: done.value.reply, sentFolder: done.value.folder }
        : { ...done, sentFolder: null };
    },

    'mailbox.readTestBack': async ({ messageId, draft }) => {
      // The verdicts count only from the mailbox's own receiving server (RFC 8601 §5).
      const address = draft ? draft.address : (await readMailbox(db)).address;
      const done = await onImap(draft, (client, account) =>
        readBackMessage(client, messageId.trim(), {
          imapHost: account.host,
          addresses: [address, account.username].filter((a) => a.includes('@')),
        }),
      );
      if (done.outcome !== 'ok') return { ...done, found: false, judgedBy: null, results: [] };
      return { outcome: 'ok' as const, reply: null, found: done.value !== null, ...(done.value ?? NOT_JUDGED) };
    },

    'mailbox.readerStatus': async () => {
      const reading = (await readMailbox(db)).imap_enabled === 1;
      return reading ? hooks.readerStatus() : { ...hooks.readerStatus(), state: 'off' as const };
    },

    'mailbox.checkDomain': async ({ draft }) => {
      const saved = draft ? null : await readMailbox(db);
      const mailbox = draft
        ? { address: draft.address.trim(), preset: draft.preset ?? 'other', host: draft.host.trim() }
        : { address: saved!.address, preset: saved!.preset as MailPresetId, host: saved!.host };
      // The domain comes from the sender address: a bad one is named, as when saving.
      const parsed = validateAddress(mailbox.address);
      if (typeof parsed === 'string')
        throw AppError.invalidField('address', `email_${parsed}`, { address: mailbox.address, position: 1 });
      return checkDomain(dnsLookup(config.dnsServers), mailbox);
    },

    'mailbox.sendTest': async ({ to, draft }) => {
      const recipient = validateAddress(to.trim());
      if (typeof recipient === 'string') {
        throw new AppError('invalid_input', `Test address ${to} is not valid: ${recipient}`, {
          fields: [{ path: 'to', reason: `email_${recipient}`, params: { address: to, position: 1 } }],
        });
      }
      const { mailbox, account } = await resolveAccount(draft);
      const { language } = await loadProperties(services);
      const text = TEST_MESSAGE[language];
      const transport = createSmtpTransport(account, smtpOptions);
      try {
        const info = await transport.sendMail({
          from: { name: mailbox.displayName, address: mailbox.addressAscii },
          replyTo: mailbox.replyToAscii || undefined,
          to: recipient.ascii,
          subject: text.subject,
          text: text.text,
        });
        return { outcome: 'ok' as const, reply: info.response, messageId: info.messageId };
      } catch (error) {
        return { outcome: classifySmtpError(error), reply: smtpReply(error), messageId: null };
      } finally {
        transport.close();
      }
    },
  } satisfies DomainHandlers<typeof mailboxApi>;
};
