import type { Statement, StatementInput } from '../../src-shared/api/statements.api';
import type { PartyKind } from '../../src-shared/api/parties.api';
import { AppError } from '../../src-shared/errors';
import type { Kysely } from 'kysely';
import type { Database } from '../book/schema';
import { getParty } from '../parties/parties.repo';
import { movements, openingBalances, type Movement } from './statements.repo';

/** Whose statement is which: an account statement for customers and suppliers, an employee statement for employees. */
export const ACCOUNT_KINDS = ['customer', 'supplier'] as const;
export const EMPLOYEE_KINDS = ['employee'] as const;

const descriptionOf = (m: Movement): string => {
  const body = m.body ? (JSON.parse(m.body) as { description?: string }) : null;
  return [body?.description, m.notes].filter(Boolean).join(' — ');
};

/** A party's statement: per currency, the opening balance, each voucher with running balance, the closing balance. */
export async function buildStatement(
  db: Kysely<Database>,
  input: StatementInput,
  kinds: readonly PartyKind[],
): Promise<Statement> {
  if (input.to < input.from) throw AppError.invalidField('to', 'period_order');
  // The card, the opening balances and the period's vouchers at once: one wait on an office server, not one per currency.
  const [party, openings, moved] = await Promise.all([
    getParty(db, input.partyId),
    openingBalances(db, input.partyId, input.from, input.to, input.currency),
    movements(db, input.partyId, input.from, input.to, input.currency),
  ]);
  if (!party) throw new AppError('not_found', `No card with id ${input.partyId}`, { id: input.partyId });
  if (!kinds.includes(party.kind))
    throw AppError.invalidField('partyId', 'party_kind_not_allowed', { kind: party.kind });

  // A currency asked for by name has its section even with nothing in it.
  const currencies = input.currency ? [input.currency] : [...openings.keys()];
  const sections = currencies.map((currency) => {
    const openingMinor = openings.get(currency) ?? 0;
    let balance = openingMinor;
    let totalDebitMinor = 0;
    let totalCreditMinor = 0;
    const rows = moved
      .filter((m) => m.currency === currency)
      .map((m) => {
        const signed = Number(m.signed);
        balance += signed;
        const debitMinor = signed > 0 ? signed : 0;
        const creditMinor = signed < 0 ? -signed : 0;
        totalDebitMinor += debitMinor;
        totalCreditMinor += creditMinor;
        return {
          voucherId: m.id,
          type: m.type,
          number: m.number,
          date: m.date,
          description: descriptionOf(m),
          debitMinor,
          creditMinor,
          balanceMinor: balance,
        };
      });
    return { currency, openingMinor, rows, totalDebitMinor, totalCreditMinor, closingMinor: balance };
  });
  return {
    partyId: party.id,
    partyName: party.name,
    partyKind: party.kind,
    partyCode: party.code,
    from: input.from,
    to: input.to,
    sections,
  };
}
