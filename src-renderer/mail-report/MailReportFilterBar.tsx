import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../common/DateField';
import { languageOf } from '../i18n/language';
import type { CallOutput } from '../../src-shared/api/contract';
import type { MailReportFilters, OutboxStatus } from '../../src-shared/api/mail-report-filters';
import { formatId } from '../../src-shared/i18n/locale';
import { VOUCHER_TYPES } from '../../src-shared/vouchers/types';
import { PartyPicker } from '../common/PartyPicker';
import { OUTBOX_STATUSES, statusWord } from '../mail/outboxStatus';

type ReportFilters = MailReportFilters;
type Choices = CallOutput<'mailReport.choices'>;

const ALL_KINDS = ['customer', 'supplier', 'employee'] as const;

/** Every filter of the report: date range, user, card, document type, status, bulk voucher, text. */
export function MailReportFilterBar({
  value,
  onChange,
  choices,
}: {
  value: ReportFilters;
  onChange(next: ReportFilters): void;
  choices: Choices | null;
}) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const partyId = useId();
  const [party, setParty] = useState({ id: value.partyId ?? '', label: '' });
  // An empty choice removes the filter rather than sending an empty value.
  const set = <K extends keyof ReportFilters>(key: K, next: ReportFilters[K] | '') => {
    const copy = { ...value };
    if (next === '' && key !== 'search') delete copy[key];
    else copy[key] = next as ReportFilters[K];
    onChange(copy);
  };

  return (
    <div className="toolbar report-filters">
      <span className="inline-field">
        {t('report.from')}{' '}
        <DateField aria-label={t('report.from')} value={value.from} onChange={(from) => from && set('from', from)} />
      </span>
      <span className="inline-field">
        {t('report.to')}{' '}
        <DateField aria-label={t('report.to')} value={value.to} onChange={(to) => to && set('to', to)} />
      </span>
      <label className="inline-field">
        {t('report.user')}
        <select value={value.userId ?? ''} onChange={(e) => set('userId', e.target.value)}>
          <option value="">{t('report.all')}</option>
          {choices?.users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field" htmlFor={partyId}>
        {t('report.party')}
        <PartyPicker
          id={partyId}
          kinds={ALL_KINDS}
          value={party}
          onChange={(next) => {
            setParty(next);
            // Until the text names one card, the report is not narrowed to a card.
            if (next.id) set('partyId', next.id);
            else if (value.partyId) set('partyId', '');
          }}
        />
      </label>
      <label className="inline-field">
        {t('report.docType')}
        <select
          value={value.docType ?? ''}
          onChange={(e) => set('docType', e.target.value as ReportFilters['docType'] & string)}
        >
          <option value="">{t('report.all')}</option>
          {VOUCHER_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`vouchers.one.${type}`)}
            </option>
          ))}
          <option value="statement">{t('report.statement')}</option>
        </select>
      </label>
      <label className="inline-field">
        {t('report.status')}
        <select value={value.status ?? ''} onChange={(e) => set('status', e.target.value as OutboxStatus)}>
          <option value="">{t('report.all')}</option>
          {OUTBOX_STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusWord(t, s)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        {t('report.bulk')}
        <select value={value.bulkId ?? ''} onChange={(e) => set('bulkId', e.target.value)}>
          <option value="">{t('report.all')}</option>
          {choices?.bulks.map((b) => (
            <option key={b.id} value={b.id}>
              {formatId(language, b.number)}
            </option>
          ))}
        </select>
      </label>
      <input
        type="search"
        aria-label={t('report.search')}
        placeholder={t('report.search')}
        value={value.search}
        onChange={(e) => set('search', e.target.value)}
      />
    </div>
  );
}
