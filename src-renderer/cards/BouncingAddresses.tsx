import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../src-shared/api/contract';
import { formatDateTime } from '../../src-shared/i18n/locale';
import { call, onEvent } from '../api';
import { Notice } from '../common/Form';
import { languageOf } from '../i18n/language';
import { bounceReason } from '../mail/BounceList';

/**
 * The card's addresses that bounce, each with when and why, so the accountant fixes them.
 * A later message delivered to the address without a bounce clears its mark.
 */
export function BouncingAddresses({ partyId }: { partyId: string }) {
  const { t, i18n } = useTranslation();
  const [marks, setMarks] = useState<CallOutput<'parties.bouncing'>>([]);
  useEffect(() => {
    let live = true;
    const load = () =>
      void call('parties.bouncing', { id: partyId })
        .then((m) => live && setMarks(m))
        .catch(() => undefined);
    load();
    const off = onEvent('mail.bounced', load);
    return () => {
      live = false;
      off();
    };
  }, [partyId]);
  if (!marks.length) return null;
  return (
    <Notice kind="error">
      <div className="bouncing" data-testid="bouncing-addresses">
        {t('cards.bouncing')}
        <ul className="bounces">
          {marks.map((m) => (
            <li key={m.address}>
              <bdi dir="ltr">{m.address}</bdi>: {bounceReason(t, m.status)} — {formatDateTime(languageOf(i18n), m.at)}{' '}
              <bdi dir="ltr" className="hint" title={m.diagnostic}>
                ({m.status})
              </bdi>
            </li>
          ))}
        </ul>
      </div>
    </Notice>
  );
}
