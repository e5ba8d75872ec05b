import { asciiDigits } from '../../src-shared/money/money';
import { Field } from './Form';

/** A server port: left to right, digits only (Arabic-Indic digits typed are taken as Latin). */
export function PortField(props: { label: string; errors?: string[]; value: string; onChange(value: string): void }) {
  return (
    <Field label={props.label} errors={props.errors}>
      {(field) => (
        <input
          {...field}
          dir="ltr"
          inputMode="numeric"
          value={props.value}
          onChange={(e) => props.onChange(asciiDigits(e.target.value).replace(/[^0-9]/g, ''))}
        />
      )}
    </Field>
  );
}
