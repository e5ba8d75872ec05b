import { useTranslation } from 'react-i18next';
import type { DomainCheck } from '../../src-shared/api/mailbox.api';
import { Notice } from '../common/Form';
import { useBroughtIntoView } from '../common/useBroughtIntoView';

/** What the sender domain's SPF and DMARC mean for this mailbox, in plain words, with the record to add. */
export function DomainCheckResult({ check }: { check: DomainCheck }) {
  const { t } = useTranslation();
  const box = useBroughtIntoView<HTMLDivElement>(check);
  const provider = check.sender.preset === 'other' ? check.sender.host : t(`mailbox.presets.${check.sender.preset}`);
  const words = { domain: check.domain, provider };
  if (check.outcome !== 'checked')
    return (
      <div className="domain-check" data-outcome={check.outcome} ref={box}>
        <Notice kind="error">{t(`mailbox.domain.${check.outcome}`, words)}</Notice>
      </div>
    );
  const spf = check.spf!;
  const dmarc = check.dmarc!;
  const spfOk = spf.result === 'pass';
  // Mail that fails SPF is refused or put in spam by a strict DMARC policy; say which.
  const dmarcKey = dmarc.policy ?? 'missing';
  return (
    <div className="domain-check" data-outcome="checked" data-spf={spf.result} ref={box}>
      <Notice kind={spfOk ? 'ok' : 'error'}>
        <strong>{t('mailbox.domain.spfTitle', words)}</strong> {t(`mailbox.domain.spf.${spf.result}`, words)}
        {spf.add && (
          <div className="domain-fix">
            {spf.record ? t('mailbox.domain.addTo') : t('mailbox.domain.addRecord', words)}{' '}
            <code dir="ltr">{spf.record ? spf.add : `v=spf1 ${spf.add} ~all`}</code>
          </div>
        )}
        {spf.record && (
          <div className="hint">
            {t('mailbox.domain.published')} <code dir="ltr">{spf.record}</code>
          </div>
        )}
      </Notice>
      <Notice kind={dmarc.policy === null || spfOk ? 'info' : 'error'}>
        <strong>{t('mailbox.domain.dmarcTitle')}</strong>{' '}
        {t(`mailbox.domain.dmarc.${dmarcKey}`, { ...words, percent: dmarc.percent })}
        {!spfOk && dmarc.policy && dmarc.policy !== 'none' && <> {t('mailbox.domain.dmarcFailing')}</>}
        {dmarc.record && (
          <div className="hint">
            {t('mailbox.domain.published')} <code dir="ltr">{dmarc.record}</code>
          </div>
        )}
      </Notice>
      {check.dkim && (
        <Notice kind={check.dkim.found.length ? 'ok' : 'info'}>
          <strong>{t('mailbox.domain.dkimTitle')}</strong>{' '}
          {check.dkim.found.length
            ? t('mailbox.domain.dkim.found', { ...words, selectors: check.dkim.found.join(', ') })
            : t('mailbox.domain.dkim.missing', { ...words, selectors: check.dkim.selectors.join(', ') })}
        </Notice>
      )}
    </div>
  );
}
