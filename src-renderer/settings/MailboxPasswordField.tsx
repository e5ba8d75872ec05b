import { useTranslation } from 'react-i18next';
import type { Mailbox } from '../../src-shared/api/mailbox.api';
import { sameServer } from '../../src-shared/email/same-server';
import { Field } from '../common/Form';
import { smtpServerOf, type MailboxDraft } from './mailboxDraft';

/**
 * The SMTP password: empty unless typed (a saved one is never shown), with a hint when the saved one
 * would not be used (another server) and a box to forget it.
 */
export function MailboxPasswordField({
  draft,
  saved,
  errors,
  set,
}: {
  draft: MailboxDraft;
  saved: Mailbox;
  errors: string[] | undefined;
  set: <K extends 'password' | 'clearPassword'>(key: K, value: MailboxDraft[K]) => void;
}) {
  const { t } = useTranslation();
  const sameAsSaved = sameServer(smtpServerOf(draft), saved);
  return (
    <Field
      label={t('mailbox.fields.password')}
      errors={errors}
      hint={
        draft.clearPassword
          ? t('mailbox.passwordWillClear')
          : !saved.passwordSaved
            ? t('mailbox.passwordNone')
            : sameAsSaved || draft.password
              ? null
              : t('mailbox.passwordForOtherServer')
      }
    >
      {(props) => (
        <div className="password-field">
          <input
            {...props}
            type="password"
            dir="ltr"
            autoComplete="new-password"
            placeholder={saved.passwordSaved && sameAsSaved ? t('mailbox.passwordSaved') : ''}
            value={draft.password ?? ''}
            onChange={(e) => set('password', e.target.value)}
          />
          {saved.passwordSaved && (
            <label className="check">
              <input
                type="checkbox"
                checked={!!draft.clearPassword}
                onChange={(e) => set('clearPassword', e.target.checked)}
              />
              {t('mailbox.clearPassword')}
            </label>
          )}
        </div>
      )}
    </Field>
  );
}
