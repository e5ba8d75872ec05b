import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { MailReportFilters } from '../../src-shared/api/mail-report.api';
import { CSV_BOM, csvLine } from '../../src-shared/text/csv';
import type { Database } from '../book/schema';
import { listed, type ListedCursor } from './mail-report.repo';
import { withSearchHits } from './mail-report.search';

/** Rows read per query: small enough that memory stays flat and the main thread is never held long. */
const PAGE = 2_000;

const HEADER = [
  'created_at',
  'sent_at',
  'document',
  'to',
  'cc',
  'subject',
  'status',
  'bounced_recipients',
  'credits',
  'user',
  'message_id',
  'last_reply',
];

/**
 * The filtered list as CSV, written to `path` a page at a time (keyset pages, newest first), so a
 * year of a million messages takes the memory of one page. The file appears under its name only
 * once complete: a crash or a full disk leaves no half file behind.
 */
export async function writeMailReportCsv(
  db: Kysely<Database>,
  filters: MailReportFilters,
  path: string,
  pageSize = PAGE,
): Promise<{ rows: number }> {
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  const failed = once(out, 'error').then(([error]) => Promise.reject(error as Error));
  failed.catch(() => undefined);
  const write = async (text: string) => {
    // Respect the stream's back-pressure: never queue more than the disk has taken.
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  let rows = 0;
  try {
    await write(CSV_BOM + csvLine(HEADER));
    await withSearchHits(db, filters, async (hits) => {
      let after: ListedCursor | null = null;
      for (;;) {
        const page = await listed(db, filters, pageSize, after, hits);
        let chunk = '';
        for (const r of page) {
          chunk += csvLine([
            r.created_at,
            r.sent_at ?? '',
            r.source_title,
            (JSON.parse(r.to_json) as string[]).join(', '),
            (JSON.parse(r.cc_json) as string[]).join(', '),
            r.subject,
            r.status === 'sent' && r.bounced > 0 ? 'bounced' : r.status,
            r.bounced_recipients ?? '',
            r.credits,
            r.user_name,
            r.message_id,
            r.last_reply ?? '',
          ]);
        }
        await write(chunk);
        rows += page.length;
        const last = page.at(-1);
        if (!last || page.length < pageSize) break;
        after = { createdAt: last.created_at, id: last.id };
      }
    });
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }
  await rename(partial, path);
  return { rows };
}
