import type { TFunction } from 'i18next';
import type { ErrorBody, FieldProblem } from '../../src-shared/errors';
import { CallError } from '../api';
import { counted, type CountedNoun } from '../i18n/counted';

/** Which counts each field problem names, and as what: they go in as agreeing phrases ("٣ أحرف"). */
const COUNTED_PARAMS: Record<string, Record<string, [CountedNoun, string]>> = {
  too_long: { characters: ['characters', 'max'] },
  not_a_number: { decimals: ['decimals', 'digits'] },
  too_many_recipients: { recipientsMax: ['recipients', 'max'], recipientsGiven: ['recipients', 'count'] },
};

/** One problem in the user's language. */
export const fieldMessage = (t: TFunction, problem: Pick<FieldProblem, 'reason' | 'params'>): string => {
  const params = problem.params ?? {};
  const agreeing = Object.fromEntries(
    Object.entries(COUNTED_PARAMS[problem.reason] ?? {}).map(([name, [noun, from]]) => [
      name,
      counted(t, noun, Number(params[from] ?? 0)),
    ]),
  );
  return t(`fieldErrors.${problem.reason}`, { ...params, ...agreeing, defaultValue: t('fieldErrors.invalid') });
};

/** Field path → messages, for showing each under its field. */
export function fieldErrors(t: TFunction, body: ErrorBody | null): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const problem of body?.details.fields ?? []) (out[problem.path] ??= []).push(fieldMessage(t, problem));
  return out;
}

/** The headline of a failed call, in the user's language. */
export function errorHeadline(t: TFunction, body: ErrorBody): string {
  if (body.details.reason === 'network') return t('errors.network');
  if (body.details.reason === 'disk_full') return t('errors.disk_full');
  if (body.details.reason === 'printer_unavailable') return t('errors.printer_unavailable');
  if (body.details.reason === 'read_interrupted') return t('errors.read_interrupted');
  if (body.details.reason === 'keychain_unavailable') return t(`errors.keychain.${body.details.why ?? 'unavailable'}`);
  const d = body.details;
  if (d.reason === 'book_moved_read_only') return t('errors.book_moved_read_only', { day: d.movedAt.slice(0, 10) });
  // The office server: which server, user or database, and why, in words.
  // One line each: a key built from both reason and why would pair every reason with every why.
  if (d.reason === 'office_unreachable') return t(`errors.office_unreachable.${d.why}`, { ...d });
  if (d.reason === 'office_tls') return t(`errors.office_tls.${d.why}`, { ...d });
  if (d.reason === 'office_needs_owner') return t(`errors.office_needs_owner.${d.why}`, { ...d });
  if (
    d.reason === 'office_login_refused' ||
    d.reason === 'office_no_database' ||
    d.reason === 'office_no_rights' ||
    d.reason === 'office_not_owner' ||
    d.reason === 'office_key_wrong' ||
    d.reason === 'office_not_empty' ||
    d.reason === 'not_office_book' ||
    d.reason === 'move_mismatch' ||
    d.reason === 'book_moving' ||
    d.reason === 'office_book'
  )
    return t(`errors.${d.reason}`, { ...d });
  return t(`errors.${body.code}`);
}

/** The error body of anything a call rejected with. */
export function errorBody(error: unknown): ErrorBody {
  if (error instanceof CallError) return error.body;
  return { code: 'internal', message: String(error), details: {} };
}
