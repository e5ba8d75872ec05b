import { useTranslation } from 'react-i18next';
import { Field } from '../common/Form';
import { DraftInput } from './DraftInput';
import type { VoucherDraft } from './draft';

type Payment = VoucherDraft['payment'];

/** A receipt's or payment's fields: the amount, how it was paid (cheque or transfer details) and what for. */
export function PaymentFields({
  payment,
  errors,
  onChange,
}: {
  payment: Payment;
  errors: Record<string, string[]>;
  onChange: (payment: Payment) => void;
}) {
  const { t } = useTranslation();
  const set = (change: Partial<Payment>) => onChange({ ...payment, ...change });
  return (
    <div className="grid grid-3">
      <DraftInput
        label={t('vouchers.fields.amount')}
        errors={errors['payment.amountMinor']}
        value={payment.amount}
        onChange={(amount) => set({ amount })}
        dir="ltr"
        required
      />
      <Field label={t('vouchers.fields.method')}>
        {(props) => (
          <select
            {...props}
            value={payment.method}
            onChange={(e) => set({ method: e.target.value as Payment['method'] })}
          >
            {(['cash', 'cheque', 'transfer'] as const).map((m) => (
              <option key={m} value={m}>
                {t(`vouchers.methods.${m}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {payment.method === 'cheque' && (
        <>
          <DraftInput
            label={t('vouchers.fields.chequeNumber')}
            errors={errors['payment.chequeNumber']}
            value={payment.chequeNumber}
            onChange={(chequeNumber) => set({ chequeNumber })}
            required
          />
          <DraftInput
            label={t('vouchers.fields.chequeDueDate')}
            errors={errors['payment.chequeDueDate']}
            value={payment.chequeDueDate}
            onChange={(chequeDueDate) => set({ chequeDueDate })}
            type="date"
            required
          />
        </>
      )}
      {payment.method === 'transfer' && (
        <DraftInput
          label={t('vouchers.fields.transferReference')}
          errors={errors['payment.transferReference']}
          value={payment.transferReference}
          onChange={(transferReference) => set({ transferReference })}
          required
        />
      )}
      <DraftInput
        label={t('vouchers.fields.paymentDescription')}
        errors={errors['payment.description']}
        value={payment.description}
        onChange={(description) => set({ description })}
      />
    </div>
  );
}
