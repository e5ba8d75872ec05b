import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorBody } from '../../src-shared/errors';
import { call } from '../api';
import { useApp } from '../app/app.store';
import { confirmAction } from '../common/confirm';
import { ConfirmHost } from '../common/ConfirmHost';
import { errorHeadline } from '../common/errors';
import { Notice } from '../common/Form';
import { OwnerUpdateForm } from './OwnerUpdateForm';
import { HereSignIn } from './HereSignIn';
import { reloadWhenBack } from './reloadWhenBack';

/** This desktop works on the office book and could not open it at start: say why, and offer to try again. */
export function OfficeProblemScreen() {
  const { t } = useTranslation();
  const problem = useApp((s) => s.info?.officeProblem ?? null);
  const [busy, setBusy] = useState(false);
  const [signingIn, setSigningIn] = useState(false);
  if (!problem) return null;
  const details = (problem.error as unknown as ErrorBody).details;
  const inClear = details.reason === 'office_tls' && details.why === 'in_clear';
  const needsOwner = details.reason === 'office_needs_owner';

  async function again(work: () => Promise<{ restarting: boolean }>) {
    setBusy(true);
    try {
      if ((await work()).restarting) await reloadWhenBack();
    } finally {
      setBusy(false);
    }
  }

  async function workHere() {
    const yes = await confirmAction({
      message: t('bookLocation.hereConfirm'),
      confirmLabel: t('bookLocation.here'),
      danger: true,
    });
    if (!yes) return;
    // The file here may be an old copy of the office's book: one of its users opens it, by their password.
    if (problem?.hereSignIn) setSigningIn(true);
    else await again(() => call('book.useHere', {}));
  }

  return (
    <main className="damaged-book">
      <h1>{t('bookLocation.problemTitle')}</h1>
      <Notice kind="error">{errorHeadline(t, problem.error as unknown as ErrorBody)}</Notice>
      <p className="hint">
        {t('bookLocation.problemWhere')} <bdi dir="ltr">{problem.where}</bdi>
      </p>
      {/* Set up without TLS to another computer: not a server that is away; the headline says what to do. */}
      {!inClear && !needsOwner && <p>{t('bookLocation.problemExplain')}</p>}
      {needsOwner && <OwnerUpdateForm />}
      <div className="form-buttons">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void again(() => call('book.reopen', {}))}
        >
          {busy ? t('bookLocation.retrying') : t('bookLocation.retry')}
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void workHere()}>
          {t('bookLocation.here')}
        </button>
      </div>
      {signingIn && <HereSignIn onSignIn={(name, password) => again(() => call('book.useHere', { name, password }))} />}
      <ConfirmHost />
    </main>
  );
}
