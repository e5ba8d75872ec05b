import { formatId } from '../../src-shared/i18n/locale';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { languageOf } from '../i18n/language';
import { formatDate, formatMinor } from '../../src-shared/money/money';
import type { VoucherType } from '../../src-shared/vouchers/types';
import { call } from '../api';
import { useApp } from '../app/app.store';
import { DateField } from '../common/DateField';
import { errorHeadline } from '../common/errors';
import { useNewShortcut } from '../common/useNewShortcut';
import { Notice } from '../common/Form';
import { useVouchers } from './vouchers.store';
import { VoucherForm } from './VoucherForm';

const ROW_HEIGHT = 38;

/** Vouchers of one type: a virtualised list (fast on 100,000 rows) and the open voucher beside it. */
export function VouchersScreen({ type }: { type: VoucherType }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const s = useVouchers();
  const scroller = useRef<HTMLDivElement>(null);
  /**
   * The company's currency and tax rate (basis points), which a new voucher and its lines start
   * with; null until read, and a new voucher waits for them (opened at once, it kept ILS and no tax).
   */
  const [defaults, setDefaults] = useState<{ currency: string; taxBp: number } | null>(null);

  useEffect(() => {
    useVouchers.getState().reset(type);
    void useVouchers.getState().reload();
    const pending = useVouchers.getState().pendingOpen;
    if (pending) {
      useVouchers.setState({ pendingOpen: null });
      void useVouchers.getState().openById(pending).catch(useVouchers.getState().failed);
    }
    call('company.get', {})
      .then((c) => setDefaults({ currency: c.defaultCurrency, taxBp: c.defaultTaxBp }))
      .catch((error: unknown) => {
        // Unread: new vouchers start in shekels with no tax.
        setDefaults({ currency: 'ILS', taxBp: 0 });
        useVouchers.getState().failed(error);
      });
  }, [type]);

  // The React Compiler cannot memoise this hook's return; nothing here relies on that.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: s.total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  useEffect(() => {
    for (const item of items) useVouchers.getState().ensure(item.index);
  }, [items]);

  const editing = s.editing;
  const openNew = useVouchers((v) => v.openNew);
  const mayEdit = useApp((a) => a.may('vouchers.save'));
  useNewShortcut(mayEdit ? openNew : null);
  return (
    <div className="screen vouchers-screen">
      <header className="screen-header">
        <h1 tabIndex={-1}>{t(`vouchers.type.${type}`)}</h1>
        <span className="count">{t('vouchers.count', { count: s.total })}</span>
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
          placeholder={t('vouchers.searchPlaceholder')}
          value={s.search}
          onChange={(e) => s.setFilter({ search: e.target.value })}
        />
        <span className="inline-field">
          {t('vouchers.from')}{' '}
          <DateField aria-label={t('vouchers.from')} value={s.from} onChange={(from) => s.setFilter({ from })} />
        </span>
        <span className="inline-field">
          {t('vouchers.to')}{' '}
          <DateField aria-label={t('vouchers.to')} value={s.to} onChange={(to) => s.setFilter({ to })} />
        </span>
      </div>
      {s.error && <Notice kind="error">{errorHeadline(t, s.error)}</Notice>}
      <div className="split split-wide">
        <div className="list-pane">
          {s.total === 0 ? (
            <p className="empty">{t('vouchers.empty')}</p>
          ) : (
            <div className="vlist" role="table" aria-label={t(`vouchers.type.${type}`)} aria-rowcount={s.total}>
              <div className="vrow vhead" role="row">
                <span role="columnheader">{t('vouchers.columns.number')}</span>
                <span role="columnheader">{t('vouchers.columns.date')}</span>
                <span role="columnheader">{t('vouchers.columns.party')}</span>
                <span role="columnheader" className="num">
                  {t('vouchers.columns.total')}
                </span>
              </div>
              <div ref={scroller} className="vscroll">
                <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                  {items.map((item) => {
                    const row = s.rows.get(item.index);
                    return (
                      <div
                        key={item.key}
                        role="row"
                        aria-rowindex={item.index + 2}
                        className={`vrow${row?.status === 'cancelled' ? ' archived' : ''}${editing !== 'new' && editing?.id === row?.id ? ' selected' : ''}`}
                        style={{
                          position: 'absolute',
                          top: 0,
                          insetInlineStart: 0,
                          width: '100%',
                          height: ROW_HEIGHT,
                          transform: `translateY(${item.start}px)`,
                        }}
                      >
                        {row ? (
                          <>
                            <span role="cell">
                              <button type="button" className="link" onClick={() => void s.openById(row.id)}>
                                {formatId(language, row.number)}
                              </button>
                            </span>
                            <span role="cell">{formatDate(row.date, language)}</span>
                            <span role="cell">
                              {row.partyName}
                              {row.status === 'cancelled' && (
                                <span className="badge">{t('vouchers.cancelledBadge')}</span>
                              )}
                            </span>
                            <span role="cell" className="num">
                              <bdi>{formatMinor(row.totalMinor, row.currency, language)}</bdi> {row.currency}
                            </span>
                          </>
                        ) : (
                          <span className="hint">{t('common.loading')}</span>
                        )}
                      </div>
                    );
                  })}
                </div>
              </div>
            </div>
          )}
        </div>
        {editing && (editing !== 'new' || defaults) && (
          <VoucherForm
            key={editing === 'new' ? 'new' : `${editing.id}:${editing.revision}`}
            type={type}
            voucher={editing === 'new' ? null : editing}
            defaultCurrency={defaults?.currency ?? 'ILS'}
            defaultTaxBp={defaults?.taxBp ?? 0}
          />
        )}
      </div>
    </div>
  );
}
