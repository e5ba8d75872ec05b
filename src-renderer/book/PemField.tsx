import { useTranslation } from 'react-i18next';
import { Field } from '../common/Form';

/** A PEM file chosen from disk, read as text. */
export function PemField(props: { label: string; hint?: string; value: string; onChange(value: string): void }) {
  const { t } = useTranslation();
  return (
    <Field label={props.label} hint={props.value ? t('bookLocation.pemChosen') : props.hint}>
      {(field) => (
        <input
          {...field}
          type="file"
          accept=".pem,.crt,.key,text/plain"
          onChange={(e) => void e.target.files?.[0]?.text().then(props.onChange)}
        />
      )}
    </Field>
  );
}
