import { mailboxApi, type Mailbox, type MailboxInput } from '../../src-shared/api/mailbox.api';
import { validateAddress } from '../../src-shared/email/addresses';
import { AppError, type FieldProblem } from '../../src-shared/errors';
import type { DomainHandlers, Services } from '../registry';
import { loadProperties } from '../settings/settings.handlers';
import { readMailbox, writeMailbox, type MailboxRow } from './company.repo';
import { classifySmtpError, createSmtpTransport, smtpReply, type SmtpAccount } from './smtp';

export const SMTP_PASSWORD_KEY = 'smtp.password';

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const IPV6 = /^[0-9A-Fa-f:.]+$/;

const toMailbox = (row: MailboxRow, passwordSaved: boolean): Mailbox => ({
  displayName: row.display_name,
  address: row.address,
  replyTo: row.reply_to,
  host: row.host,
  port: row.port,
  security: row.security,
  username: row.username,
  passwordSaved,
});

interface CheckedMailbox {
  displayName: string;
  address: string;
  addressAscii: string;
  replyTo: string;
  replyToAscii: string;
  host: string;
  port: number;
  security: MailboxInput['security'];
  username: string;
}

function checkAddress(path: string, value: string, problems: FieldProblem[]): { address: string; ascii: string } {
  if (!value) return { address: '', ascii: '' };
  const parsed = validateAddress(value);
  if (typeof parsed === 'string') {
    problems.push({ path, reason: `email_${parsed}`, params: { address: value, position: 1 } });
    return { address: value, ascii: value };
  }
  return parsed;
}

/** Validate the mailbox form; `complete` also requires what sending needs (host, sender address). */
function checkMailbox(input: MailboxInput, complete: boolean): CheckedMailbox {
  const problems: FieldProblem[] = [];
  const host = input.host.trim();
  if (host && !HOSTNAME.test(host) && !(host.includes(':') && IPV6.test(host))) problems.push({ path: 'host', reason: 'invalid_host' });
  if (complete && !host) problems.push({ path: 'host', reason: 'required' });
  const address = checkAddress('address', input.address.trim(), problems);
  if (complete && !address.address) problems.push({ path: 'address', reason: 'required' });
  const replyTo = checkAddress('replyTo', input.replyTo.trim(), problems);
  if (problems.length > 0) throw new AppError('invalid_input', `Mailbox: ${problems.map((p) => `${p.path} ${p.reason}`).join(', ')}`, { fields: problems });
  return {
    displayName: input.displayName.trim(),
    address: address.address,
    addressAscii: address.ascii,
    replyTo: replyTo.address,
    replyToAscii: replyTo.ascii,
    host,
    port: input.port,
    security: input.security,
    username: input.username.trim(),
  };
}

const TEST_MESSAGE = {
  ar: { subject: 'رسالة تجريبية من دفتر', text: 'هذه رسالة تجريبية من دفتر. إذا وصلتك فصندوق البريد المرسل يعمل.' },
  en: { subject: 'Test message from Daftar', text: 'This is a test message from Daftar. If it reached you, the sender mailbox works.' },
};

export const mailboxHandlers = (services: Services) => {
  const { book: { db }, ports, config } = services;
  const smtpOptions = { ca: config.smtpCa, timeoutMs: config.smtpTimeoutMs };

  const savedPassword = () => ports.secrets.get(SMTP_PASSWORD_KEY);

  /** The mailbox to use for a test: the form as typed when given, else the saved one. */
  async function resolveAccount(draft: MailboxInput | undefined): Promise<{ mailbox: CheckedMailbox; account: SmtpAccount }> {
    const row = await readMailbox(db);
    const input: MailboxInput = draft ?? {
      displayName: row.display_name,
      address: row.address,
      replyTo: row.reply_to,
      host: row.host,
      port: row.port,
      security: row.security,
      username: row.username,
    };
    const mailbox = checkMailbox(input, true);
    const password = draft?.clearPassword ? null : draft?.password ? draft.password : await savedPassword();
    return { mailbox, account: { host: mailbox.host, port: mailbox.port, security: mailbox.security, username: mailbox.username, password } };
  }

  return {
    'mailbox.get': async () => toMailbox(await readMailbox(db), (await savedPassword()) !== null),

    'mailbox.save': async (input) => {
      const m = checkMailbox(input, false);
      await writeMailbox(db, {
        display_name: m.displayName,
        address: m.address,
        reply_to: m.replyTo,
        host: m.host,
        port: m.port,
        security: m.security,
        username: m.username,
        updated_at: ports.clock.now().toISOString(),
      });
      if (input.clearPassword) await ports.secrets.delete(SMTP_PASSWORD_KEY);
      else if (input.password) await ports.secrets.set(SMTP_PASSWORD_KEY, input.password);
      return toMailbox(await readMailbox(db), (await savedPassword()) !== null);
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
