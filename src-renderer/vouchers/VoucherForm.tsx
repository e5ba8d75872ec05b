import { useEffect, useRef, useState } from 'react';
import { currencyLabel } from '../../src-shared/i18n/currencies';
import { confirmAction } from '../common/confirm';
import { useTranslation } from 'react-i18next';
import { formatId, todayIso } from '../../src-shared/i18n/locale';
import type { Voucher } from '../../src-shared/api/vouchers.api';
import type { ErrorBody } from '../../src-shared/errors';
import { VOUCHER_PARTY_KINDS, VOUCHER_SHAPE, type VoucherType } from '../../src-shared/vouchers/types';
import { call } from '../api';
import { useApp } from '../app/app.store';
import { errorBody, errorHeadline, fieldErrors } from '../common/errors';
import { DateField } from '../common/DateField';
import { Field, Form, FormButtons, Notice } from '../common/Form';
import { PartyPicker, resolveParty } from '../common/PartyPicker';
import { DocumentActions } from '../print/DocumentActions';
import { draftOf, newDraft, toSaveInput, totalOf, type VoucherDraft } from './draft';
import { formatMinor, minorDigits } from '../../src-shared/money/money';
import { LinesEditor } from './LinesEditor';
import { printDocument } from '../print/documents';
import { SaveOptionsDialog } from './SaveOptionsDialog';
import { useVouchers } from './vouchers.store';

const COMMON_CURRENCIES = ['ILS', 'USD', 'JOD', 'EUR'];

/** Create or edit one voucher; a saved one can be previewed, printed, saved as PDF or cancelled. */
export function VoucherForm({
  type,
  voucher,
  defaultCurrency,
  defaultTaxBp,
}: {
  type: VoucherType;
  voucher: Voucher | null;
  defaultCurrency: string;
  defaultTaxBp: number;
}) {
  const { t } = useTranslation();
  const language = useApp((s) => s.properties?.language ?? 'ar');
  const { stored, open, savedId, afterSave, clearAfterSave } = useVouchers();
  const showSaveOptions = useApp((s) => s.properties?.showSaveOptions ?? false);
  const confirmTotalAbove = useApp((s) => s.properties?.confirmTotalAbove ?? 0);
  const canEmail = useApp((s) => s.may('mail.send'));
  const [choosing, setChoosing] = useState(false);
  const shape = VOUCHER_SHAPE[type];
  const [draft, setDraft] = useState<VoucherDraft>(() =>
    voucher
      ? draftOf(voucher, `${voucher.partyName}`, language)
      : newDraft(defaultCurrency, language, todayIso(), language, defaultTaxBp),
  );
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);
  const cancelled = voucher?.status === 'cancelled';
  const mayEdit = useApp((s) => s.may('vouchers.save'));
  const readOnly = cancelled || !mayEdit;

  const section = useRef<HTMLElement>(null);
  // A new voucher starts in its first field (after "New" or Alt+N), not on the button that opened it.
  useEffect(() => {
    if (!voucher) section.current?.querySelector<HTMLElement>('form input:not([disabled])')?.focus();
  }, [voucher]);

  /** Esc or Cancel: a changed form asks before its edits are thrown away. */
  const leave = async () => {
    if (dirty && !(await confirmAction({ message: t('vouchers.discardChanges'), confirmLabel: t('common.discard') })))
      return;
    open(null);
  };

  useEffect(() => {
    if (voucher) return;
    let live = true;
    call('vouchers.suggestNumber', { type })
      .then(({ number }) => live && setDraft((d) => (d.number ? d : { ...d, number: formatId(language, number) })))
      .catch((e: unknown) => live && setError(errorBody(e))); // the number is then taken when saving
    return () => {
      live = false;
    };
  }, [type, voucher, language]);

  useEffect(() => {
    if (voucher && afterSave?.id === voucher.id && afterSave.action === 'print') {
      clearAfterSave();
      void printDocument({ kind: 'voucher', id: voucher.id }).catch((e: unknown) => setError(errorBody(e)));
    }
  }, [voucher, afterSave, clearAfterSave]);

  const update = (change: Partial<VoucherDraft>) => {
    setDraft((d) => ({ ...d, ...change }));
    setDirty(true);
  };

  /** Save, asking first what to do after (print, email) when the program properties say so. */
  function requestSave() {
    if (readOnly) return;
    if (showSaveOptions) setChoosing(true);
    else void save();
  }

  async function save(then?: 'print' | 'email') {
    if (readOnly) return;
    const party = await resolveParty(VOUCHER_PARTY_KINDS[type], draft.party).catch(() => draft.party);
    if (party !== draft.party) setDraft((d) => ({ ...d, party }));
    const { input, problems } = toSaveInput({ ...draft, party }, type, shape, voucher);
    if (!input) return setError({ code: 'invalid_input', message: 'local', details: { fields: problems } });
    // A total above the threshold the user set is asked about first: a slip of the finger costs a voided voucher.
    const total = totalOf(input);
    if (confirmTotalAbove > 0 && total > confirmTotalAbove * 10 ** minorDigits(input.currency)) {
      const message = t('vouchers.confirmLargeTotal', {
        total: formatMinor(total, input.currency, language),
        currency: input.currency,
      });
      if (!(await confirmAction({ message, confirmLabel: t('common.save') }))) return;
    }
    setBusy(true);
    try {
      const saved = await call('vouchers.save', input);
      setError(null);
      setDirty(false);
      await stored(saved, then);
    } catch (e) {
      setError(errorBody(e));
    } finally {
      setBusy(false);
    }
  }

  async function cancelVoucher() {
    if (!voucher) return;
    const message = t('vouchers.confirmCancel', { type: t(`vouchers.one.${type}`), number: voucher.number });
    if (!(await confirmAction({ message, confirmLabel: t('vouchers.cancelVoucher'), danger: true }))) return;
    try {
      await stored(await call('vouchers.cancel', { id: voucher.id }));
    } catch (e) {
      setError(errorBody(e));
    }
  }

  // After a save the window refused, the fields are checked again as they change: a corrected field
  // loses its message at once, and one still wrong keeps it (the party is checked on save).
  const local =
    error?.message === 'local'
      ? toSaveInput(draft, type, shape, voucher).problems.filter(
          (p) => p.reason !== 'party_missing' || !draft.party.label,
        )
      : null;
  const errors = fieldErrors(t, local ? { ...error!, details: { fields: local } } : error);
  const title = voucher
    ? t('vouchers.edit', { type: t(`vouchers.one.${type}`), number: voucher.number })
    : t('vouchers.new', { type: t(`vouchers.one.${type}`) });
  const input = (
    label: string,
    path: string,
    value: string,
    onChange: (v: string) => void,
    options: { type?: string; dir?: 'ltr'; required?: boolean; hint?: string } = {},
  ) => (
    <Field label={label} errors={errors[path]} required={options.required} hint={options.hint}>
      {(props) =>
        options.type === 'date' ? (
          <DateField {...props} value={value} onChange={onChange} />
        ) : (
          <input
            {...props}
            type={options.type}
            dir={options.dir}
            inputMode={options.dir ? 'decimal' : undefined}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </Field>
  );
  const stale = error?.details.reason === 'stale_revision' ? error.details : null;

  return (
    <section className="panel voucher-form" aria-label={title} ref={section}>
      <h2>
        {title}
        {voucher && <span className="badge">{t('vouchers.revision', { revision: voucher.revision })}</span>}
        {cancelled && <span className="badge badge-danger">{t('vouchers.cancelledBadge')}</span>}
      </h2>
      {cancelled && <Notice kind="info">{t('vouchers.cancelledNote')}</Notice>}
      {!mayEdit && !cancelled && <Notice kind="info">{t('vouchers.viewOnly')}</Notice>}
      {voucher && !dirty && (
        <DocumentActions
          target={{ kind: 'voucher', id: voucher.id }}
          title={title}
          emailOpen={afterSave?.id === voucher.id && afterSave.action === 'email'}
          onEmailClosed={clearAfterSave}
        />
      )}
      {choosing && (
        <SaveOptionsDialog
          canEmail={canEmail}
          onChoose={(choice) => {
            setChoosing(false);
            if (choice !== 'cancel') void save(choice === 'save' ? undefined : choice);
          }}
        />
      )}
      <Form onSubmit={requestSave} onCancel={() => void leave()} label={title}>
        {/* Read-only (cancelled, or no permission to edit): every field inside is disabled at once. */}
        <fieldset className="plain" disabled={readOnly}>
          <div className="grid grid-3">
            {input(t('vouchers.fields.number'), 'number', draft.number, (number) => update({ number }), {
              dir: 'ltr',
              hint: voucher ? undefined : t('vouchers.numberHint'),
            })}
            {input(t('vouchers.fields.date'), 'date', draft.date, (date) => update({ date }), {
              type: 'date',
              required: true,
            })}
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

          {shape === 'lines' && (
            <LinesEditor
              lines={draft.lines}
              currency={draft.currency}
              defaultTaxBp={defaultTaxBp}
              errors={errors}
              onChange={(lines) => update({ lines })}
            />
          )}
          {shape === 'payment' && (
            <div className="grid grid-3">
              {input(
                t('vouchers.fields.amount'),
                'payment.amountMinor',
                draft.payment.amount,
                (amount) => update({ payment: { ...draft.payment, amount } }),
                { dir: 'ltr', required: true },
              )}
              <Field label={t('vouchers.fields.method')}>
                {(props) => (
                  <select
                    {...props}
                    value={draft.payment.method}
                    onChange={(e) =>
                      update({
                        payment: { ...draft.payment, method: e.target.value as VoucherDraft['payment']['method'] },
                      })
                    }
                  >
                    {(['cash', 'cheque', 'transfer'] as const).map((m) => (
                      <option key={m} value={m}>
                        {t(`vouchers.methods.${m}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {draft.payment.method === 'cheque' && (
                <>
                  {input(
                    t('vouchers.fields.chequeNumber'),
                    'payment.chequeNumber',
                    draft.payment.chequeNumber,
                    (chequeNumber) => update({ payment: { ...draft.payment, chequeNumber } }),
                    { required: true },
                  )}
                  {input(
                    t('vouchers.fields.chequeDueDate'),
                    'payment.chequeDueDate',
                    draft.payment.chequeDueDate,
                    (chequeDueDate) => update({ payment: { ...draft.payment, chequeDueDate } }),
                    { type: 'date', required: true },
                  )}
                </>
              )}
              {draft.payment.method === 'transfer' &&
                input(
                  t('vouchers.fields.transferReference'),
                  'payment.transferReference',
                  draft.payment.transferReference,
                  (transferReference) => update({ payment: { ...draft.payment, transferReference } }),
                  { required: true },
                )}
              {input(
                t('vouchers.fields.paymentDescription'),
                'payment.description',
                draft.payment.description,
                (description) => update({ payment: { ...draft.payment, description } }),
              )}
            </div>
          )}
          {shape === 'payslip' && (
            <div className="grid grid-3">
              {input(
                t('vouchers.fields.periodFrom'),
                'payslip.periodFrom',
                draft.payslip.periodFrom,
                (periodFrom) => update({ payslip: { ...draft.payslip, periodFrom } }),
                { type: 'date', required: true },
              )}
              {input(
                t('vouchers.fields.periodTo'),
                'payslip.periodTo',
                draft.payslip.periodTo,
                (periodTo) => update({ payslip: { ...draft.payslip, periodTo } }),
                { type: 'date', required: true },
              )}
              {input(
                t('vouchers.fields.gross'),
                'payslip.grossMinor',
                draft.payslip.gross,
                (gross) => update({ payslip: { ...draft.payslip, gross } }),
                { dir: 'ltr', required: true },
              )}
              {input(
                t('vouchers.fields.deductions'),
                'payslip.deductionsMinor',
                draft.payslip.deductions,
                (deductions) => update({ payslip: { ...draft.payslip, deductions } }),
                { dir: 'ltr' },
              )}
            </div>
          )}
          <Field label={t('vouchers.fields.notes')} errors={errors.notes} wide>
            {(props) => (
              <textarea {...props} rows={2} value={draft.notes} onChange={(e) => update({ notes: e.target.value })} />
            )}
          </Field>
        </fieldset>

        {error && !(local && local.length === 0) && (
          <Notice kind="error">
            {stale ? t('vouchers.staleRevision', { revision: stale.revision }) : errorHeadline(t, error)}
          </Notice>
        )}
        {voucher && savedId === voucher.id && !dirty && !error && <Notice kind="ok">{t('vouchers.saved')}</Notice>}
        {!readOnly && (
          <FormButtons busy={busy} onCancel={() => void leave()}>
            {voucher && (
              <button type="button" className="danger" onClick={() => void cancelVoucher()}>
                {t('vouchers.cancelVoucher')}
              </button>
            )}
          </FormButtons>
        )}
      </Form>
    </section>
  );
}
