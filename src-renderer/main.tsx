import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { onEvent } from './api';
import { App } from './app/App';
import { useApp } from './app/app.store';
import { watchCredits } from './credits/credits.store';
import { applyLanguage, createI18n } from './i18n';
import './styles.css';

async function boot(): Promise<void> {
  const i18n = await createI18n('ar');
  await applyLanguage(i18n, 'ar');
  const root = createRoot(document.getElementById('root')!);
  try {
    await useApp.getState().boot(i18n);
  } catch {
    root.render(<p className="boot-error">{i18n.t('errors.network')}</p>);
    return;
  }
  onEvent('settings.changed', (properties) => void useApp.getState().propertiesChanged(properties));
  watchCredits();
  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </StrictMode>,
  );
}

void boot();
