import type { i18n } from 'i18next';
import { create } from 'zustand';
import type { CallOutput } from '../../src-shared/api/contract';
import type { Language } from '../../src-shared/api/fields';
import type { PartyKind } from '../../src-shared/api/parties.api';
import type { ProgramProperties } from '../../src-shared/api/settings.api';
import type { VoucherType } from '../../src-shared/vouchers/types';
import { call } from '../api';
import { applyLanguage } from '../i18n';

export type Route =
  | { screen: 'cards'; kind: PartyKind }
  | { screen: 'vouchers'; type: VoucherType }
  | { screen: 'statement'; which: 'account' | 'employee' }
  | { screen: 'buy' }
  | { screen: 'outbox'; status?: 'failed' }
  | { screen: 'bulk' }
  | { screen: 'company' }
  | { screen: 'mailbox' }
  | { screen: 'templates' }
  | { screen: 'properties' };

interface AppState {
  i18n: i18n | null;
  info: CallOutput<'app.info'> | null;
  properties: ProgramProperties | null;
  route: Route;
  go(route: Route): void;
  boot(i18n: i18n): Promise<void>;
  /** Program properties changed (here or pushed from the core): follow the language. */
  propertiesChanged(properties: ProgramProperties): Promise<void>;
}

export const useApp = create<AppState>((set, get) => ({
  i18n: null,
  info: null,
  properties: null,
  route: { screen: 'cards', kind: 'customer' },
  go: (route) => set({ route }),
  async boot(i18n) {
    const [info, properties] = await Promise.all([call('app.info', {}), call('settings.get', {})]);
    set({ i18n, info });
    await get().propertiesChanged(properties);
  },
  async propertiesChanged(properties) {
    const { i18n } = get();
    if (i18n && i18n.language !== properties.language) await applyLanguage(i18n, properties.language as Language);
    set({ properties });
  },
}));
