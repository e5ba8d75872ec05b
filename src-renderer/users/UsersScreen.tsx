import { useState } from 'react';
import { confirmAction } from '../common/confirm';
import { useTranslation } from 'react-i18next';
import type { User } from '../../src-shared/api/users.api';
import type { ErrorBody } from '../../src-shared/errors';
import { PERMISSIONS, type Permission } from '../../src-shared/users/permissions';
import { call } from '../api';
import { errorBody, errorHeadline, fieldErrors } from '../common/errors';
import { Field, Form, FormButtons, Notice } from '../common/Form';
import { NotLoaded } from '../common/NotLoaded';
import { useCall } from '../common/useCall';

/** Users of this book and what each may do. */
export function UsersScreen() {
  const { t } = useTranslation();
  const { value, error, reload } = useCall('users.list', {});
  const users = value?.items ?? [];
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  return (
    <div className="screen">
      <header className="screen-header">
        <h1 tabIndex={-1}>{t('users.title')}</h1>
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          {t('users.newUser')}
        </button>
      </header>
      {!value && <NotLoaded error={error} onRetry={reload} />}
      <div className="split">
        <table className="list" aria-label={t('users.title')}>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>
                  <button type="button" className="link" onClick={() => setEditing(u)}>
                    {u.name}
                  </button>
                  {u.isAdmin && <span className="badge">{t('users.admin')}</span>}
                </td>
                <td>{u.permissions.map((p) => t(`users.permission.${p}`)).join('، ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {editing && (
          <UserForm
            key={editing === 'new' ? 'new' : editing.id}
            user={editing === 'new' ? null : editing}
            onDone={() => {
              setEditing(null);
              reload();
            }}
          />
        )}
      </div>
    </div>
  );
}

function UserForm({ user, onDone }: { user: User | null; onDone(): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(user?.name ?? '');
  const [password, setPassword] = useState('');
  const [permissions, setPermissions] = useState<Permission[]>(
    user?.permissions ?? ['edit_cards', 'edit_vouchers', 'send_email'],
  );
  const [error, setError] = useState<ErrorBody | null>(null);

  async function save() {
    try {
      await call('users.save', { id: user?.id, name, permissions, password: password || undefined });
      onDone();
    } catch (e) {
      setError(errorBody(e));
    }
  }
  async function remove() {
    if (!user) return;
    const message = t('users.confirmDelete', { name: user.name });
    if (!(await confirmAction({ message, confirmLabel: t('users.delete'), danger: true }))) return;
    try {
      await call('users.delete', { id: user.id });
      onDone();
    } catch (e) {
      setError(errorBody(e));
    }
  }
  const errors = fieldErrors(t, error);
  return (
    <section className="panel" aria-label={user?.name ?? t('users.newUser')}>
      <h2>{user?.name ?? t('users.newUser')}</h2>
      {user?.isAdmin && <Notice kind="info">{t('users.adminNote')}</Notice>}
      <Form onSubmit={() => void save()} onCancel={onDone} label={user?.name ?? t('users.newUser')}>
        <Field label={t('users.name')} errors={errors.name} required>
          {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label={user ? t('users.newPassword') : t('users.password')} errors={errors.password} required={!user}>
          {(props) => (
            <input
              {...props}
              type="password"
              dir="ltr"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <fieldset className="field" disabled={user?.isAdmin}>
          <legend>{t('users.permissions')}</legend>
          {PERMISSIONS.map((p) => (
            <label key={p} className="check">
              <input
                type="checkbox"
                checked={permissions.includes(p)}
                onChange={(e) =>
                  setPermissions((list) => (e.target.checked ? [...list, p] : list.filter((x) => x !== p)))
                }
              />
              {t(`users.permission.${p}`)}
            </label>
          ))}
        </fieldset>
        {error && (
          <Notice kind="error">
            {error.details.reason === 'admin_password_first'
              ? t('users.adminPasswordFirst')
              : error.details.reason === 'admin_only'
                ? t('users.adminOnly')
                : errorHeadline(t, error)}
          </Notice>
        )}
        <FormButtons onCancel={onDone}>
          {user && !user.isAdmin && (
            <button type="button" className="danger" onClick={() => void remove()}>
              {t('users.delete')}
            </button>
          )}
        </FormButtons>
      </Form>
    </section>
  );
}
