import { useTranslation } from 'react-i18next';
import type { Mailbox, OAuthProviderId } from '../../src-shared/api/mailbox.api';
import { Field } from '../common/Form';

/** OAuth2 sign-in: which provider (issuer and client ID for "other"), who is signed in, sign in or out. */
export function OAuthPanel(props: {
  method: OAuthProviderId;
  saved: Mailbox;
  busy: boolean;
  issuer: string;
  clientId: string;
  errors: Record<string, string[]>;
  onIssuer(value: string): void;
  onClientId(value: string): void;
  onSignIn(): void;
  onSignOut(): void;
}) {
  const { t } = useTranslation();
  const { saved } = props;
  const signedIn = saved.signedInAs !== null && saved.signIn === 'oauth2' && saved.oauth.provider === props.method;
  return (
    <div className="field field-wide oauth-panel">
      {props.method === 'other' && (
        <div className="grid">
          <Field label={t('mailbox.oauthIssuer')} errors={props.errors.issuer}>
            {(field) => (
              <input
                {...field}
                dir="ltr"
                value={props.issuer}
                placeholder="https://login.example.com"
                onChange={(e) => props.onIssuer(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('mailbox.oauthClientId')} errors={props.errors.clientId}>
            {(field) => (
              <input {...field} dir="ltr" value={props.clientId} onChange={(e) => props.onClientId(e.target.value)} />
            )}
          </Field>
        </div>
      )}
      <p className="hint">{t('mailbox.oauthHint')}</p>
      <p role="status" data-testid="oauth-status">
        {props.busy ? (
          t('mailbox.signingIn')
        ) : signedIn ? (
          <>
            {t('mailbox.signedInAs')} <bdi dir="ltr">{saved.signedInAs}</bdi>
          </>
        ) : (
          t('mailbox.notSignedIn')
        )}
      </p>
      <div className="buttons">
        <button type="button" className="primary" onClick={props.onSignIn} disabled={props.busy}>
          {t('mailbox.signInWith')} — {t(`mailbox.signInMethods.${props.method}`)}
        </button>
        {signedIn && (
          <button type="button" onClick={props.onSignOut} disabled={props.busy}>
            {t('mailbox.signOut')}
          </button>
        )}
      </div>
    </div>
  );
}
