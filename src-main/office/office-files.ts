import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database } from '../book/schema';
import { checkedPdf, outboxPath, pdfNameProblem, sha256Of, type KeptFiles } from '../book/kept-files';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * An office book keeps its messages' bytes in the book (kept_files, by sha256), inside the
 * transaction that queues or sends the message, so every desktop of the office reaches them. A sent
 * copy named by a file is one sent before the book moved here: this desktop's file if it is in its
 * outbox/ (`dataFolder`), otherwise another desktop's (`elsewhere`, left to it). Without a data folder
 * (the owner's update, a test) every such file is another desktop's.
 */
export function officeFiles(db: Kysely<Database>, dataFolder: string | null): KeptFiles {
  const keep = async (trx: Kysely<Database>, bytes: Uint8Array, now: string) => {
    const sha256 = sha256Of(bytes);
    await trx
      .insertInto('kept_files')
      .values({ sha256, bytes, created_at: now })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    return sha256;
  };
  const kept = async (sha256: string) => {
    const row = await db.selectFrom('kept_files').select('bytes').where('sha256', '=', sha256).executeTakeFirst();
    return row ? Buffer.from(row.bytes) : null;
  };
  return {
    writePdfBeforeQueue: () => {},
    keepPdfWithQueue: async (trx, pdf, now) => void (await keep(trx, pdf, now.toISOString())),
    forgetUnqueuedPdf: () => {},
    readPdf: async (row) => pdfNameProblem(row) ?? checkedPdf(await kept(row.pdf_sha256), row.pdf_sha256),
    writeRawBeforeSend: () => null,
    keepRawOnceSent: (trx, raw, now) => keep(trx, raw, now),
    isOwnRaw: (row) => row.raw_file === `${row.id}.eml` || SHA256.test(row.raw_file),
    readRaw: async (rawFile, onRefused = () => {}) => {
      if (SHA256.test(rawFile)) return (await kept(rawFile)) ?? 'missing';
      const where = outboxPath(dataFolder ?? '', 'sentCopy', rawFile);
      if ('refused' in where) {
        onRefused(where.refused);
        return 'missing';
      }
      return dataFolder !== null && existsSync(where.path) ? readFileSync(where.path) : 'elsewhere';
    },
    forgetRaw: async (rawFile) => {
      if (SHA256.test(rawFile)) {
        await db.deleteFrom('kept_files').where('sha256', '=', rawFile).execute();
        return;
      }
      const where = outboxPath(dataFolder ?? '', 'sentCopy', rawFile);
      if (dataFolder !== null && 'path' in where) rmSync(where.path, { force: true });
    },
  };
}
