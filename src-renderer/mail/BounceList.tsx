import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { RecipientBounce } from '../../src-shared/api/mail.api';

// i18n keys cannot hold dots: 5.1.1 is s5_1_1.
const KNOWN = {
  '5.1.1': 's5_1_1',
  '5.1.2': 's5_1_2',
  '5.1.10': 's5_1_10',
  '5.2.1': 's5_2_1',
  '5.2.2': 's5_2_2',
  '5.2.3': 's5_2_3',
  '5.3.4': 's5_3_4',
  '5.4.1': 's5_4_1',
  '5.4.4': 's5_4_4',
  '5.7.1': 's5_7_1',
  '5.7.26': 's5_7_26',
} as const;
const isKnown = (status: string): status is keyof typeof KNOWN => Object.hasOwn(KNOWN, status);

/** What a bounce's status code means, in words ("the address does not exist" for 5.1.1). */
export function bounceReason(t: TFunction, status: string, kind: 'bounced' | 'delayed' = 'bounced'): string {
  if (kind === 'delayed' || status.startsWith('4')) return t('mail.bounceReasons.delayed');
  return t(`mail.bounceReasons.${isKnown(status) ? KNOWN[status] : 'other'}`);
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
