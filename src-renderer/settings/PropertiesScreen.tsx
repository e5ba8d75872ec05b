import { useState } from 'react';
import { parseScaled } from '../../src-shared/money/money';
import { formatId } from '../../src-shared/i18n/locale';
import { languageOf } from '../i18n/language';
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
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const propertiesChanged = useApp((s) => s.propertiesChanged);
  // Restoring a backup lives under the program's properties (the side list stays short enough for 768 px).
  const canOpen = useApp((s) => s.canOpen);
  const go = useApp((s) => s.go);
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  // The threshold as typed (Arabic-Indic digits and thousands marks welcome); read on save.
  const [threshold, setThreshold] = useState(() => formatId(language, initial.confirmTotalAbove));
  const thresholdValue = parseScaled(threshold.trim() || '0', 0);
  const thresholdProblem =
    thresholdValue === null || thresholdValue < 0 || thresholdValue > 1e12 ? t('properties.thresholdInvalid') : null;
  const change = (next: ProgramProperties) => {
    setDraft(next);
    setSaved(false);
  };

  async function save() {
    if (thresholdProblem || thresholdValue === null) return;
    setBusy(true);
    try {
      await propertiesChanged(await call('settings.save', { ...draft, confirmTotalAbove: thresholdValue }));
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
            <Field
              label={t('properties.confirmTotalAbove')}
              hint={t('properties.confirmTotalAboveHint')}
              errors={thresholdProblem ? [thresholdProblem] : undefined}
            >
              {(props) => (
                <input
                  {...props}
                  dir="ltr"
                  inputMode="numeric"
                  value={threshold}
                  onChange={(e) => {
                    setThreshold(e.target.value);
                    setSaved(false);
                  }}
                />
              )}
            </Field>
          </div>
          {error && <Notice kind="error">{errorHeadline(t, error)}</Notice>}
          {saved && !error && <Notice kind="ok">{t('common.saved')}</Notice>}
          <FormButtons busy={busy} onCancel={() => setDraft(initial)} />
        </Form>
      </section>
      {canOpen('book') && (
        <section className="panel">
          <h2>{t('bookLocation.title')}</h2>
          <p className="hint">{t('bookLocation.explain')}</p>
          <button type="button" onClick={() => go({ screen: 'book' })}>
            {t('bookLocation.open')}
          </button>
        </section>
      )}
      {canOpen('backups') && (
        <section className="panel">
          <h2>{t('backups.title')}</h2>
          <p className="hint">{t('backups.explain')}</p>
          <button type="button" onClick={() => go({ screen: 'backups' })}>
            {t('backups.open')}
          </button>
        </section>
      )}
    </div>
  );
}
