import { bouncingAddresses } from '../mail/imap/bounce.repo';
import { ulid } from 'ulid';
import type { Party, PartySaveInput } from '../../src-shared/api/parties.api';
import { partiesApi } from '../../src-shared/api/parties.api';
import { joinAddressList, parseAddressList } from '../../src-shared/email/addresses';
import { AppError, type FieldProblem } from '../../src-shared/errors';
import { searchKey } from '../../src-shared/text/search-key';
import type { DomainHandlers, Services } from '../registry';
import * as repo from './parties.repo';

const toParty = (row: repo.PartyRow): Party => ({
  id: row.id,
  kind: row.kind,
  code: row.code,
  name: row.name,
  phone: row.phone,
  address: row.address,
  taxNumber: row.tax_number,
  jobTitle: row.job_title,
  notes: row.notes,
  emails: row.emails,
  archived: row.archived_at !== null,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Check the email field; every bad address becomes a field problem naming it and its position. */
export function checkEmails(path: string, raw: string): string {
  const parsed = parseAddressList(raw);
  if (parsed.ok) return joinAddressList(parsed.addresses);
  const fields: FieldProblem[] = parsed.tooMany
    ? [{ path, reason: 'email_list_too_long', params: { max: parsed.tooMany } }]
    : parsed.errors.map((e) => ({
        path,
        reason: `email_${e.problem}`,
        params: { address: e.address, position: e.position },
      }));
  const first = parsed.errors[0];
  const message = first
    ? `Address ${first.position} (${first.address}) is not valid: ${first.problem}`
    : `Too many addresses (at most ${parsed.tooMany})`;
  throw new AppError('invalid_input', message, { fields });
}

function valuesFrom(input: PartySaveInput, now: string): repo.PartyValues {
  const code = input.code.trim();
  const name = input.name.trim();
  const problems: FieldProblem[] = [];
  if (!code) problems.push({ path: 'code', reason: 'required' });
  if (!name) problems.push({ path: 'name', reason: 'required' });
  if (problems.length) throw new AppError('invalid_input', 'Code and name are required', { fields: problems });
  const emails = checkEmails('emails', input.emails);
  const isEmployee = input.kind === 'employee';
  const values = {
    code,
    name,
    phone: input.phone.trim(),
    address: input.address.trim(),
    tax_number: isEmployee ? '' : input.taxNumber.trim(),
    job_title: isEmployee ? input.jobTitle.trim() : '',
    notes: input.notes,
    emails,
    updated_at: now,
  };
  return { ...values, search_key: searchKey([code, name, values.phone, emails].join(' ')) };
}

const codeConflict = (code: string) =>
  new AppError('conflict', `Code ${code} is already used by another card`, {
    fields: [{ path: 'code', reason: 'code_taken', params: { code } }],
  });

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';

export const partiesHandlers = ({ book: { db }, ports, events }: Services) => {
  const mustGet = async (id: string) => {
    const row = await repo.getParty(db, id);
    if (!row) throw new AppError('not_found', `No card with id ${id}`, { id });
    return row;
  };

  return {
    'parties.list': async (input) => {
      const { rows, total } = await repo.listParties(db, { ...input, searchKey: searchKey(input.search) });
      return { items: rows.map(toParty), total };
    },

    'parties.get': async ({ id }) => toParty(await mustGet(id)),

    'parties.bouncing': async ({ id }) => bouncingAddresses(db, (await mustGet(id)).id),

    'parties.suggestCode': async ({ kind }) => ({ code: String((await repo.maxNumericCode(db, kind)) + 1) }),

    'parties.save': async (input) => {
      const now = ports.clock.now().toISOString();
      const values = valuesFrom(input, now);
      const id = input.id ?? ulid();
      try {
        await db.transaction().execute(async (trx) => {
          if (input.id) {
            const existing = await repo.getParty(trx, input.id);
            if (!existing) throw new AppError('not_found', `No card with id ${input.id}`, { id: input.id });
            if (existing.kind !== input.kind)
              throw AppError.invalidField('kind', 'kind_changed', undefined, 'The kind of a card cannot change');
            if (await repo.codeTaken(trx, input.kind, values.code, input.id)) throw codeConflict(values.code);
            await repo.updateParty(trx, input.id, values);
          } else {
            if (await repo.codeTaken(trx, input.kind, values.code)) throw codeConflict(values.code);
            await repo.insertParty(trx, { ...values, id, kind: input.kind, created_at: now, archived_at: null });
          }
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw codeConflict(values.code);
        throw e;
      }
      events.emit('parties.changed', { id, kind: input.kind });
      return toParty(await mustGet(id));
    },

    'parties.delete': async ({ id }) => {
      const row = await mustGet(id);
      await db.transaction().execute(async (trx) => {
        const used = await repo.voucherCount(trx, id);
        if (used > 0)
          throw AppError.because('party_in_use', `Card ${row.code} is used by ${used} voucher(s); archive it instead`, {
            vouchers: used,
          });
        await repo.deleteParty(trx, id);
      });
      events.emit('parties.changed', { id, kind: row.kind });
      return { id };
    },

    'parties.setArchived': async ({ id, archived }) => {
      const row = await mustGet(id);
      const now = ports.clock.now().toISOString();
      await repo.setPartyArchived(db, id, archived ? (row.archived_at ?? now) : null, now);
      events.emit('parties.changed', { id, kind: row.kind });
      return toParty(await mustGet(id));
    },
  } satisfies DomainHandlers<typeof partiesApi>;
};
