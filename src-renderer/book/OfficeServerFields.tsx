import { useTranslation } from 'react-i18next';
import { Field } from '../common/Form';
import { PortField } from '../common/PortField';
import { reachedAsSaved, type Location, type OfficeDraft } from './officeDraft';
import { PemField } from './PemField';

/** How this desktop reaches the office server: address, database, user, password, TLS and the office key. */
export function OfficeServerFields({
  draft,
  saved,
  problems,
  change,
}: {
  draft: OfficeDraft;
  /** The server saved before, if any: its secrets stay unless retyped, and only while it is reached the same way. */
  saved: Location['office'];
  problems: Record<string, string[]>;
  change: (next: Partial<OfficeDraft>) => void;
}) {
  const { t } = useTranslation();
  const savedHint = (isSaved: boolean | undefined) => (isSaved ? t('bookLocation.savedSecret') : undefined);
  return (
    <div className="grid">
      <Field label={t('bookLocation.host')} errors={problems.host} required>
        {(p) => <input {...p} dir="ltr" value={draft.host} onChange={(e) => change({ host: e.target.value })} />}
      </Field>
      <PortField
        label={t('bookLocation.port')}
        errors={problems.port}
        value={draft.port}
        onChange={(port) => change({ port })}
      />
      <Field label={t('bookLocation.database')} errors={problems.database} required>
        {(p) => (
          <input {...p} dir="ltr" value={draft.database} onChange={(e) => change({ database: e.target.value })} />
        )}
      </Field>
      <Field label={t('bookLocation.user')} errors={problems.user} required>
        {(p) => <input {...p} dir="ltr" value={draft.user} onChange={(e) => change({ user: e.target.value })} />}
      </Field>
      <Field
        label={t('bookLocation.password')}
        errors={problems.password}
        hint={
          saved?.passwordSaved && !draft.password
            ? reachedAsSaved(draft, saved)
              ? t('bookLocation.savedSecret')
              : t('bookLocation.passwordRetype')
            : undefined
        }
      >
        {(p) => (
          <input
            {...p}
            type="password"
            dir="ltr"
            autoComplete="new-password"
            value={draft.password}
            onChange={(e) => change({ password: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('bookLocation.tls')} errors={problems.tls} hint={t(`bookLocation.tlsHint_${draft.tls}`)}>
        {(p) => (
          <select {...p} value={draft.tls} onChange={(e) => change({ tls: e.target.value as OfficeDraft['tls'] })}>
            <option value="verify">{t('bookLocation.tls_verify')}</option>
            <option value="off">{t('bookLocation.tls_off')}</option>
          </select>
        )}
      </Field>
      {draft.tls === 'verify' && (
        <>
          <PemField
            label={t('bookLocation.ca')}
            hint={t('bookLocation.caHint')}
            value={draft.ca}
            onChange={(ca) => change({ ca })}
          />
          <PemField
            label={t('bookLocation.clientCert')}
            hint={t('bookLocation.clientCertHint')}
            value={draft.clientCert}
            onChange={(clientCert) => change({ clientCert })}
          />
          <PemField
            label={t('bookLocation.clientKey')}
            hint={savedHint(saved?.clientKeySaved && reachedAsSaved(draft, saved))}
            value={draft.clientKey}
            onChange={(clientKey) => change({ clientKey })}
          />
        </>
      )}
      <Field
        label={t('bookLocation.officeKey')}
        errors={problems.officeKey}
        hint={savedHint(saved?.officeKeySaved) ?? t('bookLocation.officeKeyHint')}
        wide
      >
        {(p) => (
          <input
            {...p}
            dir="ltr"
            autoComplete="off"
            spellCheck={false}
            value={draft.officeKey}
            onChange={(e) => change({ officeKey: e.target.value })}
          />
        )}
      </Field>
    </div>
  );
}
