import { useCallback, useEffect, useState } from 'react';
import { confirmAction } from '../common/confirm';
import { useTranslation } from 'react-i18next';
import { BounceList } from './BounceList';
import { OUTBOX_STATUS, OUTBOX_STATUSES, statusWord } from './outboxStatus';
import { formatDateTime } from '../../src-shared/i18n/locale';
import { languageOf } from '../i18n/language';
import type { CallOutput } from '../../src-shared/api/contract';
import type { OutboxStatus } from '../../src-shared/api/mail.api';
import type { ErrorBody } from '../../src-shared/errors';
import { call, onEvent } from '../api';
import { errorBody, errorHeadline } from '../common/errors';
import { Notice } from '../common/Form';
import { useApp } from '../app/app.store';
import { openDocument } from '../common/openDocument';

type Outbox = CallOutput<'mail.outbox'>;

/** Every message: status, reason and next attempt; retry now, cancel (credits back), resume a paused queue. */
export function OutboxScreen({ initialStatus }: { initialStatus?: OutboxStatus }) {
  const { t, i18n } = useTranslation();
  const [outbox, setOutbox] = useState<Outbox | null>(null);
  const [status, setStatus] = useState<OutboxStatus | ''>(initialStatus ?? '');
  const [error, setError] = useState<ErrorBody | null>(null);
  const time = (iso: string | null) => (iso ? formatDateTime(languageOf(i18n), iso) : '');

  const load = useCallback(() => {
    call('mail.outbox', { limit: 200, statuses: status ? [status] : [] })
      .then(setOutbox)
      .catch((e: unknown) => setError(errorBody(e)));
  }, [status]);
  useEffect(() => {
    load();
    return onEvent('mail.changed', load);
  }, [load]);

  const act = (action: () => Promise<unknown>) => () =>
    void action().then(load, (e: unknown) => setError(errorBody(e)));
  const reason = (r: string | null, next: string | null = null) =>
    r ? t(`mail.reasons.${r}`, { defaultValue: r, time: time(next) }) : '';
  const go = useApp((s) => s.go);
  const canOpenMailbox = useApp((s) => s.canOpen('mailbox'));

  return (
    <div className="screen">
      <header className="screen-header">
        <h1 tabIndex={-1}>{t('mail.outbox')}</h1>
        <select
          aria-label={t('mail.columns.status')}
          value={status}
          onChange={(e) => setStatus(e.target.value as OutboxStatus | '')}
        >
          <option value="">{t('bulk.partyAll')}</option>
          {OUTBOX_STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusWord(t, s)}
            </option>
          ))}
        </select>
      </header>
      {outbox?.queue.paused && (
        <Notice kind="error">
          {t(`mail.pauses.${outbox.queue.reason ?? 'auth'}`)}{' '}
          {outbox.queue.reason === 'presence' ? null : outbox.queue.reason === 'signin_required' ? (
            // Resuming cannot help: only a new sign-in can; it resumes the queue by itself.
            canOpenMailbox && (
              <button type="button" onClick={() => go({ screen: 'mailbox' })}>
                {t('mail.openMailbox')}
              </button>
            )
          ) : (
            <button type="button" onClick={act(() => call('mail.resume', {}))}>
              {t('mail.resume')}
            </button>
          )}
        </Notice>
      )}
      {error && <Notice kind="error">{errorHeadline(t, error)}</Notice>}
      {outbox && outbox.items.length === 0 && <p className="empty">{t('mail.emptyOutbox')}</p>}
      {outbox && outbox.items.length > 0 && (
        <table className="list" aria-label={t('mail.outbox')}>
          <thead>
            <tr>
              <th>{t('mail.columns.created')}</th>
              <th>{t('mail.columns.document')}</th>
              <th>{t('mail.columns.to')}</th>
              <th>{t('mail.columns.status')}</th>
              <th>{t('mail.columns.next')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {outbox.items.map((row) => (
              <tr key={row.id}>
                <td className="nowrap">{time(row.createdAt)}</td>
                <td>
                  {/* A voucher opens in its screen, a statement as it was sent. */}
                  <button
                    type="button"
                    className="link"
                    onClick={() => void openDocument(row.source).catch((e: unknown) => setError(errorBody(e)))}
                  >
                    {row.sourceTitle}
                  </button>
                </td>
                <td dir="ltr" className="emails-cell">
                  {[...row.to, ...row.cc].join(', ')}
                </td>
                <td data-status={row.status}>
                  {statusWord(t, row.status)}
                  <BounceList bounces={row.bounces} />
                  {row.lastError && OUTBOX_STATUS[row.status].showsLastError && (
                    <div className="hint">{reason(row.lastError, row.nextAttemptAt)}</div>
                  )}
                  {row.lastReply && (
                    <div className="hint" dir="ltr">
                      {row.lastReply}
                    </div>
                  )}
                </td>
                <td className="nowrap">{OUTBOX_STATUS[row.status].showsNextAttempt ? time(row.nextAttemptAt) : ''}</td>
                <td>
                  <div className="row-actions">
                    {OUTBOX_STATUS[row.status].retry && (
                      <button type="button" onClick={act(() => call('mail.retry', { id: row.id }))}>
                        {t('mail.retry')}
                      </button>
                    )}
                    {OUTBOX_STATUS[row.status].cancel && (
                      <button
                        type="button"
                        className="danger"
                        onClick={act(
                          async () =>
                            (await confirmAction({ message: t('mail.confirmCancel'), danger: true })) &&
                            call('mail.cancel', { id: row.id }),
                        )}
                      >
                        {t('mail.cancel')}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
