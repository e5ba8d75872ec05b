import { useTranslation } from 'react-i18next';
import { Field } from '../common/Form';

/** The address a test message goes to, and *Send a test* (Enter in the field sends too). */
export function SendTestField({
  to,
  onTo,
  onSend,
  busy,
  sending,
  errors,
}: {
  to: string;
  onTo: (to: string) => void;
  onSend: () => void;
  /** Another test or save is running: the button waits. */
  busy: boolean;
  sending: boolean;
  errors: string[] | undefined;
}) {
  const { t } = useTranslation();
  return (
    <div className="send-test">
      <Field label={t('mailbox.testTo')} errors={errors}>
        {(props) => (
          <input
            {...props}
            dir="ltr"
            type="email"
            value={to}
            onChange={(e) => onTo(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                onSend();
              }
            }}
          />
        )}
      </Field>
      <button type="button" onClick={onSend} disabled={busy}>
        {sending ? t('mailbox.sending') : t('mailbox.sendTest')}
      </button>
    </div>
  );
}
