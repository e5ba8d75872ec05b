import { useTranslation } from 'react-i18next';
import { useApp, type Route } from './app.store';

const CARD_ROUTES: Route[] = [
  { screen: 'cards', kind: 'customer' },
  { screen: 'cards', kind: 'supplier' },
  { screen: 'cards', kind: 'employee' },
];
const SETTINGS_ROUTES: Route[] = [{ screen: 'company' }, { screen: 'mailbox' }, { screen: 'properties' }];

const routeKey = (r: Route) => (r.screen === 'cards' ? r.kind : r.screen);
const same = (a: Route, b: Route) => routeKey(a) === routeKey(b) && a.screen === b.screen;

export function Nav() {
  const { t } = useTranslation();
  const { route, go } = useApp();
  const link = (r: Route) => (
    <li key={routeKey(r)}>
      <button type="button" className="nav-link" aria-current={same(r, route) ? 'page' : undefined} onClick={() => go(r)}>
        {t(`nav.${routeKey(r)}`)}
      </button>
    </li>
  );
  return (
    <nav className="nav" aria-label={t('app.name')}>
      <div className="brand">
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-tagline">{t('app.tagline')}</span>
      </div>
      <h2>{t('nav.cards')}</h2>
      <ul>{CARD_ROUTES.map(link)}</ul>
      <h2>{t('nav.settings')}</h2>
      <ul>{SETTINGS_ROUTES.map(link)}</ul>
    </nav>
  );
}
