import { useEffect, useRef, useState } from 'react';
import { confirmAction } from '../common/confirm';
import { useTranslation } from 'react-i18next';
import { formatId, todayIso } from '../../src-shared/i18n/locale';
import type { Voucher } from '../../src-shared/api/vouchers.api';
import type { ErrorBody } from '../../src-shared/errors';
import { VOUCHER_PARTY_KINDS, VOUCHER_SHAPE, type VoucherType } from '../../src-shared/vouchers/types';
import { call } from '../api';
import { useApp } from '../app/app.store';
import { errorBody, errorHeadline, fieldErrors } from '../common/errors';
import { Field, Form, FormButtons, Notice } from '../common/Form';
import { resolveParty } from '../common/PartyPicker';
import { DocumentActions } from '../print/DocumentActions';
import { draftOf, newDraft, toSaveInput, totalOf, type VoucherDraft } from './draft';
import { formatMinor, minorDigits } from '../../src-shared/money/money';
import { LinesEditor } from './LinesEditor';
import { PaymentFields } from './PaymentFields';
import { PayslipFields } from './PayslipFields';
import { VoucherHeadFields } from './VoucherHeadFields';
import { printDocument } from '../print/documents';
import { SaveOptionsDialog } from './SaveOptionsDialog';
import { useVouchers } from './vouchers.store';

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
          <VoucherHeadFields
            type={type}
            isNew={!voucher}
            draft={draft}
            errors={errors}
            update={update}
            language={language}
          />

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
            <PaymentFields payment={draft.payment} errors={errors} onChange={(payment) => update({ payment })} />
          )}
          {shape === 'payslip' && (
            <PayslipFields payslip={draft.payslip} errors={errors} onChange={(payslip) => update({ payslip })} />
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
