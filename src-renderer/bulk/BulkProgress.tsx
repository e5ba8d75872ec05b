import { useCallback, useEffect, useState } from 'react';
import { confirmAction } from '../common/confirm';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../src-shared/i18n/locale';
import { languageOf } from '../i18n/language';
import type { BulkSend } from '../../src-shared/api/bulk.api';
import { call, onEvent } from '../api';
import type { ErrorBody } from '../../src-shared/errors';
import { useApp } from '../app/app.store';
import { errorBody, errorHeadline } from '../common/errors';
import { Notice } from '../common/Form';

/** A bulk send's live progress: bar, counts, pause / resume / cancel. Survives closing the screen (state is in the book). */
export function BulkProgress({ id, onChanged }: { id: string; onChanged?(): void }) {
  const { t, i18n } = useTranslation();
  const [bulk, setBulk] = useState<BulkSend | null>(null);
  const go = useApp((s) => s.go);
  const canSeeOutbox = useApp((s) => s.canOpen('outbox'));
  const [error, setError] = useState<ErrorBody | null>(null);
  const load = useCallback(
    () =>
      void call('bulk.get', { id }).then(
        (b) => {
          setBulk(b);
          setError(null);
        },
        (e: unknown) => setError(errorBody(e)),
      ),
    [id],
  );
  useEffect(() => {
    load();
    const offBulk = onEvent('bulk.progress', (e) => e.id === id && load());
    const offMail = onEvent('mail.changed', load);
    const offBounce = onEvent('mail.bounced', load);
    return () => {
      offBulk();
      offMail();
      offBounce();
    };
  }, [id, load]);
  if (!bulk) return error ? <Notice kind="error">{errorHeadline(t, error)}</Notice> : null;
  const { tally } = bulk;
  const finished = tally.sent + tally.failed + tally.skipped + tally.cancelled;
  const act = (name: 'bulk.pause' | 'bulk.resume' | 'bulk.cancel') => async () => {
    if (name === 'bulk.cancel' && !(await confirmAction({ message: t('bulk.confirmCancel'), danger: true }))) return;
    void call(name, { id }).then(
      (b) => {
        setBulk(b);
        onChanged?.();
      },
      (e: unknown) => setError(errorBody(e)),
    );
  };
  return (
    <section className="panel bulk-progress" aria-label={t('bulk.progress', { number: bulk.number })}>
      <h2>
        {t('bulk.progress', { number: bulk.number })}{' '}
        <span className="badge">{t(`bulk.statuses.${shownStatus(bulk)}`)}</span>
      </h2>
      {error && <Notice kind="error">{errorHeadline(t, error)}</Notice>}
      {tally.nextSlot && bulk.status === 'running' && (
        <p className="hint" data-testid="bulk-next-slot">
          {t('bulk.nextSlot', { time: formatDateTime(languageOf(i18n), tally.nextSlot) })}
        </p>
      )}
      <progress
        max={Math.max(1, tally.total)}
        value={finished}
        aria-label={t('bulk.progress', { number: bulk.number })}
      />
      <p data-testid="bulk-tally">{t('bulk.tally', tally)}</p>
      <div className="form-buttons">
        {bulk.status === 'running' && (
          <button type="button" onClick={act('bulk.pause')}>
            {t('bulk.pause')}
          </button>
        )}
        {bulk.status === 'paused' && (
          <button type="button" onClick={act('bulk.resume')}>
            {t('bulk.resume')}
          </button>
        )}
        {tally.bounced > 0 && (
          <span data-testid="bulk-bounced">
            {t('bulk.bounced', { count: tally.bounced })}{' '}
            {canSeeOutbox && (
              <button type="button" className="link" onClick={() => go({ screen: 'outbox', status: 'bounced' })}>
                {t('bulk.showBounced')}
              </button>
            )}
          </span>
        )}
        {tally.failed > 0 && canSeeOutbox && (
          <button type="button" className="link" onClick={() => go({ screen: 'outbox', status: 'failed' })}>
            {t('bulk.showFailed', { count: tally.failed })}
          </button>
        )}
        {(bulk.status === 'running' || bulk.status === 'paused' || tally.waiting > 0) &&
          bulk.status !== 'cancelled' && (
            <button type="button" className="danger" onClick={act('bulk.cancel')}>
              {t('bulk.cancel')}
            </button>
          )}
      </div>
    </section>
  );
}

/**
 * The bulk's state as the user means it: "done" queues every message, but it is not finished
 * while some still wait in the outbox (a sending limit, a retry).
 */
export const shownStatus = (bulk: {
  status: 'running' | 'paused' | 'cancelled' | 'done';
  tally: { waiting: number };
}) => (bulk.status === 'done' && bulk.tally.waiting > 0 ? 'sending' : bulk.status);
