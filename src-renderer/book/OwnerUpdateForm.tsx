import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorBody } from '../../src-shared/errors';
import { call } from '../api';
import { errorBody, errorHeadline } from '../common/errors';
import { Form, Notice } from '../common/Form';
import { OwnerFields, type OwnerDraft } from './OwnerFields';
import { reloadWhenBack } from './reloadWhenBack';

/**
 * The office book needs its owner before this desktop can open it (Daftar updated, or this desktop's
 * database user has no rights yet): the owner's name and password, used once, and the book opens.
 */
export function OwnerUpdateForm() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<OwnerDraft>({ ownerUser: '', ownerPassword: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);

  async function update() {
    setBusy(true);
    setError(null);
    try {
      const answer = await call('book.updateOffice', {
        ownerUser: draft.ownerUser.trim(),
        ownerPassword: draft.ownerPassword,
      });
      if (answer.restarting) await reloadWhenBack();
    } catch (e) {
      setError(errorBody(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form onSubmit={() => void update()} label={t('bookLocation.owner')}>
      <OwnerFields value={draft} onChange={(next) => setDraft({ ...draft, ...next })} />
      {error && <Notice kind="error">{errorHeadline(t, error)}</Notice>}
      <div className="form-buttons">
        <button type="submit" className="primary" disabled={busy || !draft.ownerUser.trim()}>
          {busy ? t('bookLocation.ownerUpdating') : t('bookLocation.ownerUpdate')}
        </button>
      </div>
    </Form>
  );
}
