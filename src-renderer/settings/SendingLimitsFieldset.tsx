import { useTranslation } from 'react-i18next';
import { asciiDigits } from '../../src-shared/money/money';
import { Field } from '../common/Form';
import { LIMIT_KEYS, type MailboxDraft } from './mailboxDraft';

type Limits = MailboxDraft['limits'];

/** The mailbox's sending limits, each a whole number or empty for none. */
export function SendingLimitsFieldset({
  limits,
  errors,
  onChange,
}: {
  limits: Limits;
  errors: Record<string, string[]>;
  onChange: (limits: Limits) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="limits">
      <legend>{t('mailbox.limits')}</legend>
      <p className="hint">{t('mailbox.limitsHint')}</p>
      <div className="grid grid-3">
        {LIMIT_KEYS.map((key) => (
          <Field key={key} label={t(`mailbox.limit.${key}`)} errors={errors[`limits.${key}`]}>
            {(props) => (
              <input
                {...props}
                dir="ltr"
                inputMode="numeric"
                placeholder={t('mailbox.noLimit')}
                value={limits[key]}
                onChange={(e) => onChange({ ...limits, [key]: asciiDigits(e.target.value).replace(/[^0-9]/g, '') })}
              />
            )}
          </Field>
        ))}
      </div>
    </fieldset>
  );
}
