import { useTranslation } from 'react-i18next';
import type { Language } from '../../src-shared/api/fields';
import { currencyLabel } from '../../src-shared/i18n/currencies';
import { VOUCHER_PARTY_KINDS, type VoucherType } from '../../src-shared/vouchers/types';
import { Field } from '../common/Form';
import { PartyPicker } from '../common/PartyPicker';
import { DraftInput } from './DraftInput';
import type { VoucherDraft } from './draft';

const COMMON_CURRENCIES = ['ILS', 'USD', 'JOD', 'EUR'];

/** The head of every voucher: number, date, card, currency and the language it is printed in. */
export function VoucherHeadFields({
  type,
  isNew,
  draft,
  errors,
  update,
  language,
}: {
  type: VoucherType;
  /** A new voucher's number may be left as suggested: the hint says so. */
  isNew: boolean;
  draft: VoucherDraft;
  errors: Record<string, string[]>;
  update: (change: Partial<VoucherDraft>) => void;
  /** The interface language, for the currencies' names. */
  language: Language;
}) {
  const { t } = useTranslation();
  return (
    <div className="grid grid-3">
      <DraftInput
        label={t('vouchers.fields.number')}
        errors={errors.number}
        value={draft.number}
        onChange={(number) => update({ number })}
        dir="ltr"
        hint={isNew ? t('vouchers.numberHint') : undefined}
      />
      <DraftInput
        label={t('vouchers.fields.date')}
        errors={errors.date}
        value={draft.date}
        onChange={(date) => update({ date })}
        type="date"
        required
      />
      <Field label={t('vouchers.fields.partyId')} errors={errors.partyId} required>
        {(props) => (
          <PartyPicker
            id={props.id}
            kinds={VOUCHER_PARTY_KINDS[type]}
            value={draft.party}
            onChange={(party) => update({ party })}
            invalid={props['aria-invalid']}
            describedBy={props['aria-describedby']}
          />
        )}
      </Field>
      <Field label={t('vouchers.fields.currency')} errors={errors.currency}>
        {(props) => (
          <select {...props} value={draft.currency} onChange={(e) => update({ currency: e.target.value })}>
            {[...new Set([draft.currency, ...COMMON_CURRENCIES])].map((c) => (
              <option key={c} value={c}>
                {currencyLabel(c, language)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('vouchers.fields.language')}>
        {(props) => (
          <select
            {...props}
            value={draft.language}
            onChange={(e) => update({ language: e.target.value as 'ar' | 'en' })}
          >
            <option value="ar">{t('vouchers.languages.ar')}</option>
            <option value="en">{t('vouchers.languages.en')}</option>
          </select>
        )}
      </Field>
    </div>
  );
}
