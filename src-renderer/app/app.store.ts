import type { i18n } from 'i18next';
import { create } from 'zustand';
import { mayCall } from '../../src-shared/api/access';
import type { CallName, CallOutput } from '../../src-shared/api/contract';
import type { Language } from '../../src-shared/api/fields';
import type { PartyKind } from '../../src-shared/api/parties.api';
import type { StatementInput } from '../../src-shared/api/statements.api';
import type { ProgramProperties } from '../../src-shared/api/settings.api';
import type { User } from '../../src-shared/api/users.api';
import type { VoucherType } from '../../src-shared/vouchers/types';
import { call } from '../api';
import { applyLanguage } from '../i18n';

export type Route =
  | { screen: 'cards'; kind: PartyKind }
  | { screen: 'vouchers'; type: VoucherType }
  | { screen: 'statement'; which: 'account' | 'employee'; show?: StatementInput }
  | { screen: 'buy' }
  | { screen: 'outbox'; status?: 'failed' | 'bounced' }
  | { screen: 'bulk' }
  | { screen: 'users' }
  | { screen: 'mailReport' }
  | { screen: 'company' }
  | { screen: 'mailbox' }
  | { screen: 'templates' }
  | { screen: 'properties' }
  | { screen: 'backups' }
  | { screen: 'book' };

/**
 * The call each screen stands on: a user may open the screen when the contract lets them
 * make that call, so the window hides exactly what the core would refuse.
 */
const SCREEN_CALL: Record<Route['screen'], CallName> = {
  cards: 'parties.list',
  vouchers: 'vouchers.list',
  statement: 'statements.accountStatement',
  buy: 'credits.createOrder',
  outbox: 'mail.outbox',
  bulk: 'bulk.preview',
  users: 'users.list',
  mailReport: 'mailReport.query',
  company: 'company.save',
  mailbox: 'mailbox.save',
  templates: 'mail.saveTemplates',
  properties: 'settings.save',
  backups: 'book.restore',
  book: 'book.location',
};

interface AppState {
  i18n: i18n | null;
  info: CallOutput<'app.info'> | null;
  properties: ProgramProperties | null;
  route: Route;
  /** Who is signed in; null when the app must ask first. */
  user: User | null;
  signedIn(user: User | null): void;
  /** Whether the signed-in user may make this call, as its contract entry says. */
  may(name: CallName): boolean;
  /** Whether the signed-in user may open this screen (the core refuses its calls anyway). */
  canOpen(screen: Route['screen']): boolean;
  /** Open a screen; one the user may not open is not opened. */
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
  user: null,
  signedIn: (user) => set({ user, route: { screen: 'cards', kind: 'customer' } }),
  may: (name) => {
    const user = get().user;
    return user !== null && mayCall(name, user.permissions);
  },
  canOpen: (screen) => get().may(SCREEN_CALL[screen]),
  go: (route) => {
    if (get().canOpen(route.screen)) set({ route });
  },
  async boot(i18n) {
    const [info, properties, status] = await Promise.all([
      call('app.info', {}),
      call('settings.get', {}),
      call('users.status', {}),
    ]);
    set({ i18n, info, user: status.user });
    await get().propertiesChanged(properties);
  },
  async propertiesChanged(properties) {
    const { i18n } = get();
    if (i18n && i18n.language !== properties.language) await applyLanguage(i18n, properties.language as Language);
    set({ properties });
  },
}));
