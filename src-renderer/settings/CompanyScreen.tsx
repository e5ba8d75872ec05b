import { useRef, useState, type ChangeEvent } from 'react';
import { nativeDigits } from '../../src-shared/i18n/locale';
import { parseScaled, scaledToString } from '../../src-shared/money/money';
import { languageOf } from '../i18n/language';
import { currencyLabel } from '../../src-shared/i18n/currencies';
import { useTranslation } from 'react-i18next';
import type { CompanyInfo } from '../../src-shared/api/company.api';
import type { ErrorBody } from '../../src-shared/errors';
import { call } from '../api';
import { errorBody, errorHeadline, fieldErrors } from '../common/errors';
import { Field, Form, FormButtons, Notice } from '../common/Form';
import { useCall } from '../common/useCall';
import { NotLoaded } from '../common/NotLoaded';

const LOGO_MAX_BYTES = 512 * 1024;
const CURRENCIES = Intl.supportedValuesOf('currency');

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export function CompanyScreen() {
  const { value, error, reload } = useCall('company.get', {});
  if (!value) return <NotLoaded error={error} onRetry={reload} />;
  return <CompanyForm initial={value} />;
}

function CompanyForm({ initial }: { initial: CompanyInfo }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [logoError, setLogoError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const set = <K extends keyof CompanyInfo>(key: K, value: CompanyInfo[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setSaved(false);
  };

  async function chooseLogo(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (file.type !== 'image/png' && file.type !== 'image/jpeg') return setLogoError(t('company.logoWrongType'));
    if (file.size > LOGO_MAX_BYTES) return setLogoError(t('company.logoTooBig', { size: Math.ceil(file.size / 1024) }));
    setLogoError(null);
    set('logo', await readAsDataUrl(file));
  }

  // The default tax rate as typed, in percent (Arabic-Indic digits welcome); read on save.
  const [taxRate, setTaxRate] = useState(() =>
    initial.defaultTaxBp ? nativeDigits(scaledToString(initial.defaultTaxBp, 2).replace(/\.?0+$/, ''), language) : '',
  );
  const taxBp = parseScaled(taxRate.trim() || '0', 2);
  const taxProblem = taxBp === null || taxBp < 0 || taxBp > 10_000 ? t('company.taxRateInvalid') : null;

  async function save() {
    if (taxProblem || taxBp === null) return;
    setBusy(true);
    try {
      setDraft(await call('company.save', { ...draft, defaultTaxBp: taxBp }));
      setError(null);
      setSaved(true);
    } catch (e) {
      setError(errorBody(e));
    } finally {
      setBusy(false);
    }
  }

  const errors = fieldErrors(t, error);
  const text = (
    key: 'nameAr' | 'nameEn' | 'phone' | 'taxNumber',
    options: { required?: boolean; dir?: 'ltr' | 'rtl' } = {},
  ) => (
    <Field label={t(`company.fields.${key}`)} errors={errors[key]} required={options.required}>
      {(props) => <input {...props} dir={options.dir} value={draft[key]} onChange={(e) => set(key, e.target.value)} />}
    </Field>
  );

  return (
    <div className="screen">
      <header className="screen-header">
        <h1 tabIndex={-1}>{t('company.title')}</h1>
        <span className="intro">{t('company.intro')}</span>
      </header>
      <section className="panel">
        <Form onSubmit={() => void save()} onCancel={() => setDraft(initial)} label={t('company.title')}>
          <div className="grid">
            {text('nameAr', { required: true, dir: 'rtl' })}
            {text('nameEn', { dir: 'ltr' })}
            {text('phone', { dir: 'ltr' })}
            {text('taxNumber', { dir: 'ltr' })}
            <Field label={t('company.fields.address')} errors={errors.address} wide>
              {(props) => (
                <textarea {...props} rows={2} value={draft.address} onChange={(e) => set('address', e.target.value)} />
              )}
            </Field>
            <Field label={t('company.fields.defaultCurrency')} errors={errors.defaultCurrency}>
              {(props) => (
                <select
                  {...props}
                  value={draft.defaultCurrency}
                  onChange={(e) => set('defaultCurrency', e.target.value)}
                >
                  {CURRENCIES.map((code) => (
                    <option key={code} value={code}>
                      {currencyLabel(code, language)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label={t('company.fields.defaultTaxRate')}
              hint={t('company.defaultTaxRateHint')}
              errors={taxProblem ? [taxProblem] : undefined}
            >
              {(props) => (
                <input
                  {...props}
                  dir="ltr"
                  inputMode="decimal"
                  placeholder={nativeDigits('16', language)}
                  value={taxRate}
                  onChange={(e) => {
                    setTaxRate(e.target.value);
                    setSaved(false);
                  }}
                />
              )}
            </Field>
            <Field
              label={t('company.fields.logo')}
              errors={logoError ? [logoError] : errors.logo}
              hint={t('company.logoHint')}
            >
              {(props) => (
                <div className="logo-field">
                  {draft.logo && <img src={draft.logo} alt={t('company.fields.logo')} className="logo-preview" />}
                  {/* The browser's own file button speaks its own language; ours speaks the user's. */}
                  <input
                    ref={fileInput}
                    type="file"
                    accept="image/png,image/jpeg"
                    hidden
                    onChange={(e) => void chooseLogo(e)}
                  />
                  <button {...props} type="button" onClick={() => fileInput.current?.click()}>
                    {t('company.chooseLogo')}
                  </button>
                  {draft.logo && (
                    <button type="button" onClick={() => set('logo', null)}>
                      {t('company.removeLogo')}
                    </button>
                  )}
                </div>
              )}
            </Field>
          </div>
          {error && <Notice kind="error">{errorHeadline(t, error)}</Notice>}
          {saved && <Notice kind="ok">{t('common.saved')}</Notice>}
          <FormButtons busy={busy} />
        </Form>
      </section>
    </div>
  );
}
