import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartyKind } from '../../src-shared/api/parties.api';
import { call } from '../api';
import { useApp } from '../app/app.store';
import { errorBody, errorHeadline } from '../common/errors';
import { useNewShortcut } from '../common/useNewShortcut';
import { Notice } from '../common/Form';
import { CardForm } from './CardForm';
import { useCards } from './cards.store';

/** One kind of card: searchable list on one side, the open card on the other. */
export function CardsScreen({ kind }: { kind: PartyKind }) {
  const { t } = useTranslation();
  const s = useCards();

  useEffect(() => {
    useCards.getState().reset(kind);
    void useCards.getState().load();
    const pending = useCards.getState().pendingOpen;
    if (pending) {
      useCards.setState({ pendingOpen: null });
      call('parties.get', { id: pending })
        .then((party) => useCards.getState().open(party))
        .catch((error: unknown) => useCards.setState({ error: errorBody(error) }));
    }
  }, [kind]);

  const editing = s.editing;
  const mayEdit = useApp((a) => a.may('parties.save'));
  const openNew = useCards((c) => c.openNew);
  useNewShortcut(mayEdit ? openNew : null);
  return (
    <div className="screen cards-screen">
      <header className="screen-header">
        <h1 tabIndex={-1}>{t(`cards.title_${kind}`)}</h1>
        <span className="count">{t('cards.count', { count: s.total })}</span>
        {mayEdit && (
          <button type="button" className="primary" onClick={openNew} aria-keyshortcuts="Alt+N">
            {t('common.new')}
          </button>
        )}
      </header>
      <div className="toolbar">
        <input
          type="search"
          aria-label={t('common.search')}
          placeholder={t('cards.searchPlaceholder')}
          value={s.search}
          onChange={(e) => s.setSearch(e.target.value)}
        />
        <label className="check">
          <input type="checkbox" checked={s.includeArchived} onChange={(e) => s.setIncludeArchived(e.target.checked)} />
          {t('cards.showArchived')}
        </label>
      </div>
      {s.error && <Notice kind="error">{errorHeadline(t, s.error)}</Notice>}
      <div className="split">
        <div className="list-pane">
          {s.items.length === 0 && !s.loading ? (
            <p className="empty">{s.search ? t('cards.noResults', { search: s.search }) : t('cards.empty')}</p>
          ) : (
            <table className="list">
              <thead>
                <tr>
                  <th>{t('cards.columns.code')}</th>
                  <th>{t('cards.columns.name')}</th>
                  <th>{t('cards.columns.phone')}</th>
                  <th>{t('cards.columns.emails')}</th>
                </tr>
              </thead>
              <tbody>
                {s.items.map((party) => (
                  <tr
                    key={party.id}
                    aria-selected={editing !== 'new' && editing?.id === party.id}
                    className={party.archived ? 'archived' : undefined}
                  >
                    <td className="nowrap">{party.code}</td>
                    <td>
                      <button type="button" className="link" onClick={() => s.open(party)}>
                        {party.name}
                      </button>
                      {party.archived && <span className="badge">{t('cards.archived')}</span>}
                    </td>
                    <td dir="ltr" className="nowrap">
                      {party.phone}
                    </td>
                    <td dir="ltr" className="emails-cell">
                      {party.emails.split(',').filter(Boolean).join(', ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {s.items.length < s.total && (
            <button type="button" className="more" onClick={() => void s.load(true)}>
              {t('common.more')}
            </button>
          )}
        </div>
        {editing && (
          <CardForm
            key={editing === 'new' ? 'new' : editing.id}
            kind={kind}
            party={editing === 'new' ? null : editing}
          />
        )}
      </div>
    </div>
  );
}
