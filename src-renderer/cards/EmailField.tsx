import { useTranslation } from 'react-i18next';
import { parseAddressList } from '../../src-shared/email/addresses';
import { Field } from '../common/Form';
import { fieldMessage } from '../common/errors';

interface Props {
  value: string;
  onChange(value: string): void;
  /** Errors the core answered for this field. */
  serverErrors?: string[];
}

/**
 * The email field of a card: several addresses in one box. Each address shows as a chip;
 * a bad one is named with its position while typing, with the same rules the core applies.
 */
export function EmailField({ value, onChange, serverErrors }: Props) {
  const { t } = useTranslation();
  const parsed = parseAddressList(value);
  const localErrors = parsed.ok
    ? []
    : parsed.tooMany
      ? [fieldMessage(t, { reason: 'email_list_too_long', params: { max: parsed.tooMany } })]
      : parsed.errors.map((e) =>
          fieldMessage(t, { reason: `email_${e.problem}`, params: { address: e.address, position: e.position } }),
        );
  const errors = localErrors.length > 0 ? localErrors : serverErrors;
  return (
    <Field
      label={t('cards.fields.emails')}
      wide
      errors={errors}
      hint={
        <>
          {t('cards.emailsHint')}
          {parsed.ok && parsed.addresses.length > 0 && (
            <span className="chips" dir="ltr" aria-label={t('cards.emailCount', { count: parsed.addresses.length })}>
              {parsed.addresses.map((a) => (
                <span key={a.ascii} className="chip">
                  {a.address}
                </span>
              ))}
            </span>
          )}
          {parsed.ok &&
            parsed.duplicatesDropped.map((address) => (
              <div key={address} className="warning">
                {t('cards.duplicateDropped', { address })}
              </div>
            ))}
        </>
      }
    >
      {(props) => (
        <textarea
          {...props}
          dir="ltr"
          rows={2}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          spellCheck={false}
        />
      )}
    </Field>
  );
}
