import { create } from 'zustand';
import type { Voucher, VoucherSummary } from '../../src-shared/api/vouchers.api';
import type { ErrorBody } from '../../src-shared/errors';
import type { VoucherType } from '../../src-shared/vouchers/types';
import { call } from '../api';
import { errorBody } from '../common/errors';

const PAGE = 100;

interface VouchersState {
  type: VoucherType;
  search: string;
  from: string;
  to: string;
  total: number;
  /** Loaded rows by position; pages load as the list scrolls. */
  rows: Map<number, VoucherSummary>;
  editing: Voucher | 'new' | null;
  savedId: string | null;
  /** What the save-options dialog asked to do once the voucher is saved. */
  afterSave: { id: string; action: 'print' | 'email' } | null;
  /** A voucher to open once its screen is shown (from the outbox). */
  pendingOpen: string | null;
  /** Why the list or a voucher could not be loaded, shown above the list. */
  error: ErrorBody | null;
  failed(error: unknown): void;
  reset(type: VoucherType): void;
  setFilter(filter: Partial<Pick<VouchersState, 'search' | 'from' | 'to'>>): void;
  reload(): Promise<void>;
  ensure(index: number): void;
  open(voucher: Voucher | 'new' | null): void;
  /** Start a new voucher (the New button, Alt+N). */
  openNew(): void;
  openById(id: string): Promise<void>;
  stored(voucher: Voucher, afterSave?: 'print' | 'email'): Promise<void>;
  clearAfterSave(): void;
}

const loading = new Set<number>();
let generation = 0;

export const useVouchers = create<VouchersState>((set, get) => {
  async function loadPage(page: number, gen: number) {
    if (loading.has(page)) return;
    loading.add(page);
    try {
      const { type, search, from, to } = get();
      const result = await call('vouchers.list', {
        type,
        search,
        from: from || undefined,
        to: to || undefined,
        limit: PAGE,
        offset: page * PAGE,
      });
      if (gen !== generation) return;
      const rows = new Map(get().rows);
      result.items.forEach((item, i) => rows.set(page * PAGE + i, item));
      set({ rows, total: result.total, error: null });
    } catch (error) {
      // Left unloaded (asked for again when scrolled to), and the screen says why.
      if (gen === generation) set({ error: errorBody(error) });
    } finally {
      loading.delete(page);
    }
  }

  return {
    type: 'sales_invoice',
    search: '',
    from: '',
    to: '',
    total: 0,
    rows: new Map(),
    editing: null,
    savedId: null,
    afterSave: null,
    pendingOpen: null,
    error: null,
    failed: (error) => set({ error: errorBody(error) }),
    reset: (type) =>
      set({
        type,
        search: '',
        from: '',
        to: '',
        total: 0,
        rows: new Map(),
        editing: null,
        savedId: null,
        afterSave: null,
        error: null,
      }),
    setFilter(filter) {
      set(filter);
      void get().reload();
    },
    async reload() {
      const gen = ++generation;
      loading.clear();
      set({ rows: new Map() });
      await loadPage(0, gen);
    },
    ensure(index) {
      if (!get().rows.has(index)) void loadPage(Math.floor(index / PAGE), generation);
    },
    open: (editing) => set({ editing, savedId: null, afterSave: null }),
    openNew: () => set({ editing: 'new', savedId: null, afterSave: null }),
    clearAfterSave: () => set({ afterSave: null }),
    async openById(id) {
      set({ editing: await call('vouchers.get', { id }), savedId: null });
    },
    async stored(voucher, afterSave) {
      set({
        editing: voucher,
        savedId: voucher.id,
        afterSave: afterSave ? { id: voucher.id, action: afterSave } : null,
      });
      await get().reload();
    },
  };
});
