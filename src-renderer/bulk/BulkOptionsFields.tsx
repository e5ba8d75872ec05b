import { useTranslation } from 'react-i18next';
import { VOUCHER_TYPES, type VoucherType } from '../../src-shared/vouchers/types';
import { DateField } from '../common/DateField';
import { PartyPicker } from '../common/PartyPicker';
import { PARTY_KINDS, rangeFor, type BulkDraft } from './bulkDraft';

/** The bulk voucher's options: which documents, to whom, in which language, with what copy and note. */
export function BulkOptionsFields({ draft, change }: { draft: BulkDraft; change: (next: Partial<BulkDraft>) => void }) {
  const { t } = useTranslation();
  const rangeInput = (value: string, set: (v: string) => void, label: string) =>
    draft.by === 'date' ? (
      <span className="inline-field">
        {label} <DateField aria-label={label} value={value} onChange={set} />
      </span>
    ) : (
      <label className="inline-field">
        {label} <input inputMode="numeric" dir="ltr" value={value} onChange={(e) => set(e.target.value)} />
      </label>
    );

  return (
    <div className="grid grid-3">
      <div className="field">
        <label htmlFor="bulk-type">{t('bulk.type')}</label>
        <select
          id="bulk-type"
          value={draft.type}
          onChange={(e) => change({ type: e.target.value as VoucherType | '' })}
        >
          <option value="">{t('bulk.allTypes')}</option>
          {VOUCHER_TYPES.map((v) => (
            <option key={v} value={v}>
              {t(`vouchers.type.${v}`)}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field methods">
        <legend>{t('bulk.rangeBy')}</legend>
        {(['number', 'date'] as const).map((b) => (
          <label key={b} className="check">
            <input type="radio" name="bulk-by" checked={draft.by === b} onChange={() => change(rangeFor(b))} />
            {t(b === 'number' ? 'bulk.byNumber' : 'bulk.byDate')}
          </label>
        ))}
      </fieldset>
      <div className="field range-fields">
        {rangeInput(draft.from, (from) => change({ from }), t('bulk.from'))}
        {rangeInput(draft.to, (to) => change({ to }), t('bulk.to'))}
      </div>
      <div className="field">
        <label htmlFor="bulk-party-mode">{t('bulk.party')}</label>
        <select
          id="bulk-party-mode"
          value={draft.partyMode}
          onChange={(e) => change({ partyMode: e.target.value as BulkDraft['partyMode'] })}
        >
          <option value="all">{t('bulk.partyAll')}</option>
          <option value="party">{t('bulk.partyOne')}</option>
          <option value="kind">{t('bulk.partyKind')}</option>
        </select>
      </div>
      {draft.partyMode === 'party' && (
        <div className="field">
          <label htmlFor="bulk-party">{t('bulk.partyOne')}</label>
          <PartyPicker
            id="bulk-party"
            kinds={PARTY_KINDS}
            value={draft.party}
            onChange={(party) => change({ party })}
          />
        </div>
      )}
      {draft.partyMode === 'kind' && (
        <div className="field">
          <label htmlFor="bulk-kind">{t('bulk.partyKind')}</label>
          <select
            id="bulk-kind"
            value={draft.kind}
            onChange={(e) => change({ kind: e.target.value as BulkDraft['kind'] })}
          >
            {PARTY_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`bulk.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="bulk-language">{t('bulk.language')}</label>
        <select
          id="bulk-language"
          value={draft.docLanguage}
          onChange={(e) => change({ docLanguage: e.target.value as BulkDraft['docLanguage'] })}
        >
          {(['document', 'ar', 'en'] as const).map((l) => (
            <option key={l} value={l}>
              {t(`bulk.languages.${l}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-wide">
        <label className="check">
          <input
            type="checkbox"
            checked={draft.includeCancelled}
            onChange={(e) => change({ includeCancelled: e.target.checked })}
          />
          {t('bulk.includeCancelled')}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.skipAlreadySent}
            onChange={(e) => change({ skipAlreadySent: e.target.checked })}
          />
          {t('bulk.skipAlreadySent')}
        </label>
      </div>
      <div className="field">
        <label htmlFor="bulk-cc">{t('bulk.cc')}</label>
        <input id="bulk-cc" dir="ltr" value={draft.cc} onChange={(e) => change({ cc: e.target.value })} />
      </div>
      <div className="field field-wide">
        <label htmlFor="bulk-note">{t('bulk.note')}</label>
        <textarea id="bulk-note" rows={2} value={draft.note} onChange={(e) => change({ note: e.target.value })} />
      </div>
    </div>
  );
}
