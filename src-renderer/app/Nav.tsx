import { useTranslation } from 'react-i18next';
import { VOUCHER_TYPES } from '../../src-shared/vouchers/types';
import { useApp, type Route } from './app.store';
import type { TextKey } from '../i18n/keys';

const routeKey = (r: Route) =>
  r.screen === 'cards'
    ? `cards:${r.kind}`
    : r.screen === 'vouchers'
      ? `vouchers:${r.type}`
      : r.screen === 'statement'
        ? `statement:${r.which}`
        : r.screen;

/** After choosing a screen, the keyboard goes on there: to its heading, once it is drawn. */
const focusScreen = () =>
  requestAnimationFrame(() => document.querySelector<HTMLElement>('main .screen-header h1, main h1')?.focus());

/** The sections of the app, each a list of screens; a screen needing a permission shows only to those who have it. */
const SECTIONS: { title: TextKey; routes: { route: Route; label: TextKey }[] }[] = [
  {
    title: 'nav.cards',
    routes: (['customer', 'supplier', 'employee'] as const).map((kind) => ({
      route: { screen: 'cards', kind },
      label: `nav.${kind}`,
    })),
  },
  {
    title: 'nav.vouchers',
    routes: [
      ...VOUCHER_TYPES.map((type): { route: Route; label: TextKey } => ({
        route: { screen: 'vouchers', type },
        label: `vouchers.type.${type}`,
      })),
      // "Other vouchers": the bulk-email voucher.
      { route: { screen: 'bulk' }, label: 'bulk.nav' },
    ],
  },
  {
    title: 'nav.reports',
    routes: [
      { route: { screen: 'statement', which: 'account' }, label: 'reports.accountStatement' },
      { route: { screen: 'statement', which: 'employee' }, label: 'reports.employeeStatement' },
    ],
  },
  {
    title: 'credits.section',
    routes: [
      { route: { screen: 'outbox' }, label: 'mail.outbox' },
      { route: { screen: 'buy' }, label: 'credits.buy' },
    ],
  },
  {
    title: 'users.section',
    routes: [
      { route: { screen: 'users' }, label: 'users.title' },
      { route: { screen: 'mailReport' }, label: 'report.title' },
    ],
  },
  {
    title: 'nav.settings',
    routes: [
      ...(['company', 'mailbox', 'templates'] as const).map((screen): { route: Route; label: TextKey } => ({
        route: { screen },
        label: `nav.${screen}`,
      })),
      { route: { screen: 'properties' }, label: 'nav.properties' },
    ],
  },
];

export function Nav() {
  const { t } = useTranslation();
  const { route, go, canOpen } = useApp();
  const current = routeKey(route);
  return (
    <nav className="nav" aria-label={t('app.name')}>
      <div className="brand">
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-tagline">{t('app.tagline')}</span>
      </div>
      {SECTIONS.map((section) => ({ ...section, routes: section.routes.filter((r) => canOpen(r.route.screen)) }))
        .filter((section) => section.routes.length > 0)
        .map((section) => (
          <div key={section.title}>
            <h2>{t(section.title)}</h2>
            <ul>
              {section.routes.map(({ route: r, label }) => (
                <li key={routeKey(r)}>
                  <button
                    type="button"
                    className="nav-link"
                    aria-current={routeKey(r) === current ? 'page' : undefined}
                    onClick={() => {
                      go(r);
                      focusScreen();
                    }}
                  >
                    {t(label)}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
    </nav>
  );
}
