import { ulid } from 'ulid';
import type { Voucher, VoucherSaveInput } from '../../src-shared/api/vouchers.api';
import { vouchersApi } from '../../src-shared/api/vouchers.api';
import { AppError, type FieldProblem } from '../../src-shared/errors';
import { searchKey } from '../../src-shared/text/search-key';
import { amountProblems, linesProblems } from '../../src-shared/vouchers/limits';
import type { VoucherTotals } from '../../src-shared/vouchers/totals';
import { VOUCHER_PARTY_KINDS, VOUCHER_SHAPE } from '../../src-shared/vouchers/types';
import { getParty } from '../parties/parties.repo';
import type { DomainHandlers, Services } from '../registry';
import * as repo from './vouchers.repo';
import { toVoucher } from './vouchers.repo';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

const invalid = (problems: FieldProblem[]) =>
  new AppError('invalid_input', `Voucher: ${problems.map((p) => `${p.path} ${p.reason}`).join(', ')}`, {
    fields: problems,
  });

/** The type-specific part: lines, payment or payslip, checked and turned into stored values. */
function contentOf(input: VoucherSaveInput): {
  totals: VoucherTotals;
  body: string | null;
  lines: repo.LineValues[];
} {
  const problems: FieldProblem[] = [];
  const shape = VOUCHER_SHAPE[input.type];
  for (const part of ['lines', 'payment', 'payslip'] as const) {
    if (part !== shape && input[part] !== undefined)
      problems.push({ path: part, reason: 'not_for_type', params: { type: input.type } });
  }
  if (shape === 'lines') {
    const lines = input.lines ?? [];
    if (lines.length === 0) problems.push({ path: 'lines', reason: 'lines_required' });
    if (problems.length) throw invalid(problems);
    const { problems: numbers, totals } = linesProblems(lines, input.currency);
    if (numbers.length || !totals) throw invalid(numbers);
    return {
      totals,
      body: null,
      lines: lines.map((l, i) => ({
        description: l.description.trim(),
        quantity_milli: l.quantityMilli,
        unit_price_minor: l.unitPriceMinor,
        discount_bp: l.discountBp,
        tax_bp: l.taxBp,
        gross_minor: totals.lines[i]!.grossMinor,
        discount_minor: totals.lines[i]!.discountMinor,
        tax_minor: totals.lines[i]!.taxMinor,
        total_minor: totals.lines[i]!.totalMinor,
      })),
    };
  }
  if (shape === 'payment') {
    const p = input.payment;
    if (!p) problems.push({ path: 'payment', reason: 'required' });
    else {
      problems.push(...amountProblems('payment.amountMinor', p.amountMinor, input.currency, { positive: true }));
      if (p.method === 'cheque') {
        if (!p.chequeNumber.trim()) problems.push({ path: 'payment.chequeNumber', reason: 'required' });
        if (!p.chequeDueDate) problems.push({ path: 'payment.chequeDueDate', reason: 'required' });
      } else if (p.method === 'transfer' && !p.transferReference.trim())
        problems.push({ path: 'payment.transferReference', reason: 'required' });
    }
    if (problems.length || !p) throw invalid(problems);
    const clean = {
      amountMinor: p.amountMinor,
      method: p.method,
      chequeNumber: p.method === 'cheque' ? p.chequeNumber.trim() : '',
      chequeDueDate: p.method === 'cheque' ? p.chequeDueDate : '',
      transferReference: p.method === 'transfer' ? p.transferReference.trim() : '',
      description: p.description.trim(),
    };
    return {
      totals: { subtotalMinor: p.amountMinor, discountMinor: 0, taxMinor: 0, totalMinor: p.amountMinor, lines: [] },
      body: JSON.stringify(clean),
      lines: [],
    };
  }
  const s = input.payslip;
  if (!s) problems.push({ path: 'payslip', reason: 'required' });
  else {
    problems.push(
      ...amountProblems('payslip.grossMinor', s.grossMinor, input.currency, { positive: false }),
      ...amountProblems('payslip.deductionsMinor', s.deductionsMinor, input.currency, { positive: false }),
    );
    if (s.periodTo < s.periodFrom) problems.push({ path: 'payslip.periodTo', reason: 'period_order' });
    if (s.deductionsMinor > s.grossMinor)
      problems.push({ path: 'payslip.deductionsMinor', reason: 'deductions_exceed_gross' });
  }
  if (problems.length || !s) throw invalid(problems);
  const net = s.grossMinor - s.deductionsMinor;
  return {
    totals: { subtotalMinor: s.grossMinor, discountMinor: s.deductionsMinor, taxMinor: 0, totalMinor: net, lines: [] },
    body: JSON.stringify({
      periodFrom: s.periodFrom,
      periodTo: s.periodTo,
      grossMinor: s.grossMinor,
      deductionsMinor: s.deductionsMinor,
    }),
    lines: [],
  };
}

const numberConflict = (number: number) =>
  new AppError('conflict', `Number ${number} is already used by another voucher of this type`, {
    fields: [{ path: 'number', reason: 'number_taken', params: { number } }],
  });

export const vouchersHandlers = ({ book, ports, events }: Services) => {
  const { db } = book;
  const load = async (id: string): Promise<Voucher> => {
    const row = await repo.getVoucher(db, id);
    if (!row) throw new AppError('not_found', `No voucher with id ${id}`, { id });
    return toVoucher(row, await repo.getLines(db, id));
  };

  return {
    'vouchers.suggestNumber': async ({ type }) => ({ number: await repo.nextNumber(db, type) }),

    'vouchers.save': async (input) => {
      if (!CURRENCIES.has(input.currency))
        throw invalid([{ path: 'currency', reason: 'unknown_currency', params: { currency: input.currency } }]);
      const { totals, body, lines } = contentOf(input);
      const now = ports.clock.now().toISOString();
      const id = input.id ?? ulid();

      // One transaction: the number is taken and the voucher written together, so two saves never share a number.
      await db.transaction().execute(async (trx) => {
        const existing = input.id ? await repo.getVoucher(trx, input.id) : undefined;
        if (input.id && !existing) throw new AppError('not_found', `No voucher with id ${input.id}`, { id: input.id });
        if (existing) {
          if (existing.type !== input.type) throw invalid([{ path: 'type', reason: 'type_changed' }]);
          if (existing.status === 'cancelled')
            throw AppError.because('voucher_cancelled', 'A cancelled voucher cannot be edited');
          if (input.expectedRevision !== undefined && input.expectedRevision !== existing.revision) {
            throw AppError.because(
              'stale_revision',
              `The voucher was changed meanwhile (revision ${existing.revision})`,
              {
                revision: existing.revision,
              },
            );
          }
        }

        const party = await getParty(trx, input.partyId);
        if (!party) throw invalid([{ path: 'partyId', reason: 'party_missing' }]);
        if (!VOUCHER_PARTY_KINDS[input.type].includes(party.kind))
          throw invalid([{ path: 'partyId', reason: 'party_kind_not_allowed', params: { kind: party.kind } }]);
        const keepsParty = existing?.party_id === party.id;
        if (party.archived_at && !keepsParty)
          throw invalid([{ path: 'partyId', reason: 'party_archived', params: { name: party.name } }]);

        // Numbering of one voucher type is taken one save at a time until the save commits.
        await book.locks.numbering(trx, input.type);
        const number = input.number ?? existing?.number ?? (await repo.nextNumber(trx, input.type));
        if (await repo.numberTaken(trx, input.type, number, existing?.id)) throw numberConflict(number);

        const values: repo.VoucherValues = {
          type: input.type,
          number,
          date: input.date,
          party_id: party.id,
          currency: input.currency,
          language: input.language,
          notes: input.notes,
          subtotal_minor: totals.subtotalMinor,
          discount_minor: totals.discountMinor,
          tax_minor: totals.taxMinor,
          total_minor: totals.totalMinor,
          body,
          updated_at: now,
        };
        if (existing) await repo.updateVoucher(trx, id, values, lines);
        else await repo.insertVoucher(trx, id, values, lines, now);
      });

      const saved = await load(id);
      events.emit('vouchers.changed', { id, type: saved.type, revision: saved.revision });
      return saved;
    },

    'vouchers.get': async ({ id }) => load(id),

    'vouchers.list': async (input) => {
      const { rows, total } = await repo.listVouchers(db, { ...input, searchKey: searchKey(input.search) });
      return {
        items: rows.map((r) => ({
          id: r.id,
          type: r.type,
          number: r.number,
          date: r.date,
          partyId: r.party_id,
          partyName: r.party_name,
          currency: r.currency,
          status: r.status,
          revision: r.revision,
          totalMinor: r.total_minor,
        })),
        total,
      };
    },

    'vouchers.cancel': async ({ id }) => {
      const current = await load(id);
      if (current.status === 'cancelled') return current;
      await repo.cancelVoucher(db, id, ports.clock.now().toISOString());
      const cancelled = await load(id);
      events.emit('vouchers.changed', { id, type: cancelled.type, revision: cancelled.revision });
      return cancelled;
    },
  } satisfies DomainHandlers<typeof vouchersApi>;
};
