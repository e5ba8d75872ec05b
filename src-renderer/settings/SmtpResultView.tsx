import { useTranslation } from 'react-i18next';
import type { MailboxInput, SmtpOutcome } from '../../src-shared/api/mailbox.api';
import { Notice } from '../common/Form';
import { TestReadBack } from './TestReadBack';

/** What a connection test or a test message answered. */
export interface SmtpResult {
  outcome: SmtpOutcome;
  reply: string | null;
  to?: string;
  /** A test message: its Message-ID, and the form it went with (to read it back the same way). */
  messageId?: string | null;
  sentWith?: MailboxInput;
}

// With reading on, a test to the mailbox itself comes back: it shows how the receiving server judged it.
const sentToSelf = (r: SmtpResult) =>
  r.to !== undefined && r.to.trim().toLowerCase() === r.sentWith?.address.trim().toLowerCase();

/** The outcome in words with the server's own reply; a test sent to the mailbox itself is read back. */
export function SmtpResultView({ result, host, port }: { result: SmtpResult; host: string; port: string }) {
  const { t } = useTranslation();
  return (
    <div className="smtp-result" data-outcome={result.outcome}>
      <Notice kind={result.outcome === 'ok' ? 'ok' : 'error'}>
        {result.outcome === 'ok' && result.to
          ? t('mailbox.sentOk', { to: result.to })
          : t(`mailbox.outcome.${result.outcome}`, { host, port })}
        {result.reply && (
          <div className="server-reply">
            {t('mailbox.serverSaid')}: <bdi dir="ltr">{result.reply}</bdi>
          </div>
        )}
      </Notice>
      {result.outcome === 'ok' &&
        result.messageId &&
        result.sentWith?.imap?.enabled &&
        (sentToSelf(result) ? (
          <TestReadBack
            key={result.messageId}
            messageId={result.messageId}
            draft={result.sentWith}
            domain={result.sentWith.address.split('@').pop() ?? ''}
          />
        ) : (
          <p className="hint">{t('mailbox.readBack.offerOwn', { address: result.sentWith.address })}</p>
        ))}
    </div>
  );
}
