import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { RecipientBounce } from '../../src-shared/api/mail.api';

const KNOWN = ['5.1.1', '5.1.2', '5.1.10', '5.2.1', '5.2.2', '5.2.3', '5.3.4', '5.4.1', '5.4.4', '5.7.1', '5.7.26'];

// i18n keys cannot hold dots: 5.1.1 is s5_1_1.
/** What a bounce's status code means, in words ("the address does not exist" for 5.1.1). */
export function bounceReason(t: TFunction, status: string, kind: 'bounced' | 'delayed' = 'bounced'): string {
  if (kind === 'delayed' || status.startsWith('4')) return t('mail.bounceReasons.delayed');
  return t(`mail.bounceReasons.${KNOWN.includes(status) ? `s${status.replace(/\./g, '_')}` : 'other'}`);
}

/** The recipients of a message that bounced (or are delayed), each with the reason and the server's words. */
export function BounceList({ bounces }: { bounces: RecipientBounce[] }) {
  const { t } = useTranslation();
  if (!bounces.length) return null;
  return (
    <ul className="bounces">
      {bounces.map((b) => (
        <li key={`${b.recipient} ${b.kind}`} data-kind={b.kind}>
          <bdi dir="ltr">{b.recipient}</bdi>: {bounceReason(t, b.status, b.kind)}{' '}
          <bdi dir="ltr" className="hint" title={b.diagnostic}>
            ({b.status})
          </bdi>
        </li>
      ))}
    </ul>
  );
}
