import { useTranslation } from 'react-i18next';

/** The choices of a mail server's security (SMTP and IMAP alike), in the user's language. */
export function SecurityOptions() {
  const { t } = useTranslation();
  return (['tls', 'starttls', 'none'] as const).map((s) => (
    <option key={s} value={s}>
      {t(`mailbox.security.${s}`)}
    </option>
  ));
}
