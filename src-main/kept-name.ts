import { isAbsolute, relative, resolve, sep } from 'node:path';

// A file name read from the book is never a path (issue 37): on an office book any desktop user can
// write any row, so a name is taken only if it is one Daftar itself writes, and only if it resolves
// inside the folder Daftar keeps such files in. Everything that turns a name from the book into a
// path goes through keptPath.

const ULID = '[0-9A-HJKMNP-TV-Z]{26}';

/** The names Daftar gives what it keeps, by kind. */
const NAMES = {
  /** outbox/<message id>.pdf: the PDF a message is queued with. */
  outboxPdf: new RegExp(`^${ULID}\\.pdf$`),
  /** outbox/<message id>.eml: the bytes sent, kept for the Sent copy (a book on this computer). */
  sentCopy: new RegExp(`^${ULID}\\.eml$`),
  /** prints/<voucher>-r<revision>-<language>-<page hash>.pdf; a voucher id is a ULID or the window's `id` field. */
  voucherPrint: /^[0-9A-Za-z-]{1,40}-r\d{1,9}-(ar|en)-[0-9a-f]{12}\.pdf$/,
} as const;

export type KeptKind = keyof typeof NAMES;

export type KeptPath = { path: string } | { refused: string };

/** Where `name` is in `folder`, or why it is refused: not a name Daftar writes, or outside the folder (checked too, should a name's rule ever loosen). */
export function keptPath(folder: string, kind: KeptKind, name: string): KeptPath {
  if (!NAMES[kind].test(name)) return { refused: `not a name Daftar writes (${JSON.stringify(name.slice(0, 80))})` };
  const path = resolve(folder, name);
  const inside = relative(resolve(folder), path);
  if (!inside || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside))
    return { refused: 'outside its folder' };
  return { path };
}
