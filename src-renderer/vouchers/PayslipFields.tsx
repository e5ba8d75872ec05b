import { useTranslation } from 'react-i18next';
import { DraftInput } from './DraftInput';
import type { VoucherDraft } from './draft';

type Payslip = VoucherDraft['payslip'];

/** A payslip's fields: the period it pays for, the gross pay and the deductions. */
export function PayslipFields({
  payslip,
  errors,
  onChange,
}: {
  payslip: Payslip;
  errors: Record<string, string[]>;
  onChange: (payslip: Payslip) => void;
}) {
  const { t } = useTranslation();
  const set = (change: Partial<Payslip>) => onChange({ ...payslip, ...change });
  return (
    <div className="grid grid-3">
      <DraftInput
        label={t('vouchers.fields.periodFrom')}
        errors={errors['payslip.periodFrom']}
        value={payslip.periodFrom}
        onChange={(periodFrom) => set({ periodFrom })}
        type="date"
        required
      />
      <DraftInput
        label={t('vouchers.fields.periodTo')}
        errors={errors['payslip.periodTo']}
        value={payslip.periodTo}
        onChange={(periodTo) => set({ periodTo })}
        type="date"
        required
      />
      <DraftInput
        label={t('vouchers.fields.gross')}
        errors={errors['payslip.grossMinor']}
        value={payslip.gross}
        onChange={(gross) => set({ gross })}
        dir="ltr"
        required
      />
      <DraftInput
        label={t('vouchers.fields.deductions')}
        errors={errors['payslip.deductionsMinor']}
        value={payslip.deductions}
        onChange={(deductions) => set({ deductions })}
        dir="ltr"
      />
    </div>
  );
}
