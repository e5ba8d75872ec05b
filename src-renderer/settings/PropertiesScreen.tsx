import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgramProperties } from '../../src-shared/api/settings.api';
import type { ErrorBody } from '../../src-shared/errors';
import { call } from '../api';
import { useApp } from '../app/app.store';
import { errorBody, errorHeadline } from '../common/errors';
import { Field, Form, FormButtons, Notice } from '../common/Form';

export function PropertiesScreen() {
  const current = useApp((s) => s.properties);
  if (!current) return null;
  return <PropertiesForm initial={current} />;
}

function PropertiesForm({ initial }: { initial: ProgramProperties }) {
  const { t } = useTranslation();
  const propertiesChanged = useApp((s) => s.propertiesChanged);
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const change = (next: ProgramProperties) => {
    setDraft(next);
    setSaved(false);
  };

  async function save() {
    setBusy(true);
    try {
      await propertiesChanged(await call('settings.save', draft));
      setError(null);
      setSaved(true);
    } catch (e) {
      setError(errorBody(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="screen">
      <header className="screen-header">
        <h1 tabIndex={-1}>{t('properties.title')}</h1>
      </header>
      <section className="panel">
        <Form onSubmit={() => void save()} onCancel={() => setDraft(initial)} label={t('properties.title')}>
          <div className="grid">
            <Field label={t('properties.language')}>
              {(props) => (
                <select
                  {...props}
                  value={draft.language}
                  onChange={(e) => change({ ...draft, language: e.target.value as ProgramProperties['language'] })}
                >
                  <option value="ar">{t('properties.languages.ar')}</option>
                  <option value="en">{t('properties.languages.en')}</option>
                </select>
              )}
            </Field>
            <div className="field field-wide">
              <label className="check">
                <input
                  type="checkbox"
                  checked={draft.showSaveOptions}
                  onChange={(e) => change({ ...draft, showSaveOptions: e.target.checked })}
                />
                {t('properties.showSaveOptions')}
              </label>
              <div className="hint">{t('properties.showSaveOptionsHint')}</div>
            </div>
          </div>
          {error && <Notice kind="error">{errorHeadline(t, error)}</Notice>}
          {saved && !error && <Notice kind="ok">{t('common.saved')}</Notice>}
          <FormButtons busy={busy} onCancel={() => setDraft(initial)} />
        </Form>
      </section>
    </div>
  );
}
