import { create } from 'zustand';
import type { Party, PartyKind } from '../../src-shared/api/parties.api';
import type { ErrorBody } from '../../src-shared/errors';
import { call } from '../api';
import { errorBody } from '../common/errors';

const PAGE = 100;

interface CardsState {
  kind: PartyKind;
  search: string;
  includeArchived: boolean;
  items: Party[];
  total: number;
  loading: boolean;
  error: ErrorBody | null;
  /** The card open in the form: a saved one, 'new', or none. */
  editing: Party | 'new' | null;
  /** The card just saved, so its form can say so after it reopens as a stored card. */
  savedId: string | null;
  /** A card to open once its screen is shown (from the send dialog). */
  pendingOpen: string | null;
  reset(kind: PartyKind): void;
  setSearch(search: string): void;
  setIncludeArchived(value: boolean): void;
  load(more?: boolean): Promise<void>;
  open(party: Party | 'new' | null): void;
  /** Start a new card (the New button, Alt+N). */
  openNew(): void;
  /** After a save or archive: show the card as stored and refresh the list. */
  stored(party: Party): Promise<void>;
}

let requestSeq = 0;

export const useCards = create<CardsState>((set, get) => ({
  kind: 'customer',
  search: '',
  includeArchived: false,
  items: [],
  total: 0,
  loading: false,
  error: null,
  editing: null,
  savedId: null,
  pendingOpen: null,
  reset: (kind) => set({ kind, search: '', includeArchived: false, items: [], total: 0, editing: null, error: null }),
  setSearch(search) {
    set({ search });
    void get().load();
  },
  setIncludeArchived(includeArchived) {
    set({ includeArchived });
    void get().load();
  },
  async load(more = false) {
    const { kind, search, includeArchived, items } = get();
    const seq = ++requestSeq;
    set({ loading: true });
    try {
      const page = await call('parties.list', {
        kind,
        search,
        includeArchived,
        limit: PAGE,
        offset: more ? items.length : 0,
      });
      // A slower, older search must not overwrite a newer one.
      if (seq !== requestSeq) return;
      set({ items: more ? [...items, ...page.items] : page.items, total: page.total, error: null, loading: false });
    } catch (error) {
      if (seq === requestSeq) set({ error: errorBody(error), loading: false });
    }
  },
  open: (editing) => set({ editing, savedId: null }),
  openNew: () => set({ editing: 'new', savedId: null }),
  async stored(party) {
    set({ editing: party, savedId: party.id });
    await get().load();
  },
}));
