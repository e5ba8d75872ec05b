import { DateField } from '../common/DateField';
import { Field } from '../common/Form';

/** One labelled text, amount or date field of the voucher form, with its messages under it. */
export function DraftInput({
  label,
  errors,
  value,
  onChange,
  type,
  dir,
  required,
  hint,
}: {
  label: string;
  errors: string[] | undefined;
  value: string;
  onChange: (value: string) => void;
  type?: 'date';
  /** Left to right: an amount or a number, typed with the decimal keypad. */
  dir?: 'ltr';
  required?: boolean;
  hint?: string;
}) {
  return (
    <Field label={label} errors={errors} required={required} hint={hint}>
      {(props) =>
        type === 'date' ? (
          <DateField {...props} value={value} onChange={onChange} />
        ) : (
          <input
            {...props}
            dir={dir}
            inputMode={dir ? 'decimal' : undefined}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </Field>
  );
}
