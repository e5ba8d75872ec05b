import { useState } from 'react';
import { TEMPLATE_FIELDS } from '../../src-shared/email/template-fields';
import { useTranslation } from 'react-i18next';
import type { MailTemplates, TemplateKind } from '../../src-shared/api/mail.api';
import type { ErrorBody } from '../../src-shared/errors';
import { call } from '../api';
import { errorBody, errorHeadline, fieldErrors } from '../common/errors';
import { Field, Form, FormButtons, Notice } from '../common/Form';
import { useCall } from '../common/useCall';
import { NotLoaded } from '../common/NotLoaded';

const KINDS: TemplateKind[] = ['invoice', 'return', 'receipt', 'payment', 'payslip', 'statement'];

export function TemplatesScreen() {
  const { value, error, reload } = useCall('mail.templates', {});
  if (!value) return <NotLoaded error={error} onRetry={reload} />;
  return <TemplatesForm initial={value} />;
}

/** Subject and text per document kind and language, with the placeholders they may use. */
function TemplatesForm({ initial }: { initial: MailTemplates }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const [kind, setKind] = useState<TemplateKind>('invoice');
  const [language, setLanguage] = useState<'ar' | 'en'>('ar');
  const [error, setError] = useState<ErrorBody | null>(null);
  const [saved, setSaved] = useState(false);
  const current = draft[kind][language];
  const set = (key: 'subject' | 'body', value: string) => {
    setDraft((d) => ({ ...d, [kind]: { ...d[kind], [language]: { ...d[kind][language], [key]: value } } }));
    setSaved(false);
  };

  async function save() {
    try {
      setDraft(await call('mail.saveTemplates', draft));
      setError(null);
      setSaved(true);
    } catch (e) {
      setError(errorBody(e));
    }
  }

  const errors = fieldErrors(t, error);
  const path = `${kind}.${language}`;
  return (
    <div className="screen">
      <header className="screen-header">
        <h1 tabIndex={-1}>{t('templates.title')}</h1>
        <span className="intro">{t('templates.intro')}</span>
      </header>
      <section className="panel">
        <Form onSubmit={() => void save()} onCancel={() => setDraft(initial)} label={t('templates.title')}>
          <div className="grid">
            <Field label={t('templates.kind')}>
              {(props) => (
                <select {...props} value={kind} onChange={(e) => setKind(e.target.value as TemplateKind)}>
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`templates.kinds.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('templates.language')}>
              {(props) => (
                <select {...props} value={language} onChange={(e) => setLanguage(e.target.value as 'ar' | 'en')}>
                  <option value="ar">{t('vouchers.languages.ar')}</option>
                  <option value="en">{t('vouchers.languages.en')}</option>
                </select>
              )}
            </Field>
            <Field label={t('templates.subject')} errors={errors[`${path}.subject`]} wide>
              {(props) => (
                <input
                  {...props}
                  dir={language === 'ar' ? 'rtl' : 'ltr'}
                  value={current.subject}
                  onChange={(e) => set('subject', e.target.value)}
                />
              )}
            </Field>
            <Field
              label={t('templates.body')}
              errors={errors[`${path}.body`]}
              wide
              hint={
                // The label in the interface's direction, each field left to right, in reading order.
                <span className="template-fields">
                  {t('templates.placeholders')}{' '}
                  {TEMPLATE_FIELDS.map((field) => (
                    <span key={field}>
                      <code dir="ltr">{`{${field}}`}</code> {t(`templates.fields.${field}`)}
                    </span>
                  ))}
                </span>
              }
            >
              {(props) => (
                <textarea
                  {...props}
                  dir={language === 'ar' ? 'rtl' : 'ltr'}
                  rows={8}
                  value={current.body}
                  onChange={(e) => set('body', e.target.value)}
                />
              )}
            </Field>
          </div>
          {error && <Notice kind="error">{errorHeadline(t, error)}</Notice>}
          {saved && !error && <Notice kind="ok">{t('common.saved')}</Notice>}
          <FormButtons onCancel={() => setDraft(initial)} />
        </Form>
      </section>
    </div>
  );
}
