import type { BulkOptions } from '../../src-shared/api/bulk.api';
import { todayIso } from '../../src-shared/i18n/locale';
import type { VoucherType } from '../../src-shared/vouchers/types';

type PartyKind = 'customer' | 'supplier' | 'employee';
export const PARTY_KINDS: PartyKind[] = ['customer', 'supplier', 'employee'];

/** The bulk voucher's options as the form holds them: typed text, before they become `BulkOptions`. */
export interface BulkDraft {
  type: VoucherType | '';
  by: 'number' | 'date';
  from: string;
  to: string;
  partyMode: 'all' | 'party' | 'kind';
  party: { id: string; label: string };
  kind: PartyKind;
  includeCancelled: boolean;
  skipAlreadySent: boolean;
  docLanguage: 'document' | 'ar' | 'en';
  /** Addresses as typed, separated by commas, semicolons or spaces. */
  cc: string;
  note: string;
}

/** A range chosen by number starts at 1–1000; by date, this year so far. */
export const rangeFor = (by: BulkDraft['by']): Pick<BulkDraft, 'by' | 'from' | 'to'> =>
  by === 'number' ? { by, from: '1', to: '1000' } : { by, from: `${new Date().getFullYear()}-01-01`, to: todayIso() };

export const initialBulkDraft = (): BulkDraft => ({
  type: 'sales_invoice',
  ...rangeFor('date'),
  partyMode: 'all',
  party: { id: '', label: '' },
  kind: 'customer',
  includeCancelled: false,
  skipAlreadySent: true,
  docLanguage: 'document',
  cc: '',
  note: '',
});

/** The options the core is asked with; `party` is the card the picker resolved the typed name to. */
export const optionsOf = (draft: BulkDraft, party: BulkDraft['party']): BulkOptions => ({
  type: draft.type || undefined,
  range:
    draft.by === 'number'
      ? { by: draft.by, from: Number(draft.from) || 1, to: Number(draft.to) || 1 }
      : { by: draft.by, from: draft.from, to: draft.to },
  party:
    draft.partyMode === 'party'
      ? { mode: 'party', partyId: party.id || 'none' }
      : draft.partyMode === 'kind'
        ? { mode: 'kind', kind: draft.kind }
        : { mode: 'all' },
  includeCancelled: draft.includeCancelled,
  skipAlreadySent: draft.skipAlreadySent,
  language: draft.docLanguage,
  cc: draft.cc.split(/[,;\s]+/).filter(Boolean),
  note: draft.note,
});
