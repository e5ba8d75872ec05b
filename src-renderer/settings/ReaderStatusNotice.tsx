import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReaderStatus } from '../../src-shared/api/mailbox.api';
import { formatDateTime } from '../../src-shared/i18n/locale';
import { call } from '../api';
import { Notice } from '../common/Form';
import { languageOf } from '../i18n/language';

/** How often the screen asks again while open: the reader reads every few minutes, or at once on new mail. */
const REFRESH_MS = 15_000;

/**
 * What the mailbox reader of this desktop did last, or could not do (sign in, reach the server,
 * find or make the Sent folder), and how many received messages it skipped as unreadable.
 */
export function ReaderStatusNotice() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<ReaderStatus | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      call('mailbox.readerStatus', {}).then(
        (s) => live && setStatus(s),
        () => undefined, // a status is a courtesy: the screen works without it
      );
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  if (!status || status.state === 'off') return null;
  const at = status.at ? formatDateTime(languageOf(i18n), status.at, { dateStyle: 'medium', timeStyle: 'short' }) : '';
  return (
    <div className="reader-status" data-state={status.state}>
      <Notice kind={status.state === 'failed' ? 'error' : 'ok'}>
        {status.state === 'waiting' && t('mailbox.reader.waiting')}
        {status.state === 'ok' && t('mailbox.reader.ok', { at })}
        {status.state === 'failed' && status.problem && t(`mailbox.reader.failed.${status.problem}`, { at })}
        {status.skipped > 0 && <> {t('mailbox.reader.skipped', { count: status.skipped })}</>}
        {status.state === 'failed' && status.reply && (
          <div className="server-reply">
            {t('mailbox.serverSaid')}: <bdi dir="ltr">{status.reply}</bdi>
          </div>
        )}
      </Notice>
    </div>
  );
}
