import type { Resources } from './en';

// Every `t('…')` key is checked against the English dictionary (ar.ts is held to the same keys).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Resources };
  }
}
