// npm run demo-data -- --data DIR [--vouchers N] [--seed S]
import { parseArgs } from 'node:util';
import { openBook } from '../src-main/book/open-book';
import { BOOK_FILE_NAME } from '../src-main/book/book-file';
import { fillDemoBook } from '../src-main/demo/demo-data';
import { resolveDataFolder } from '../src-main/host/data-folder';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    vouchers: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '42' },
  },
});
const vouchers = Number(values.vouchers);
if (!Number.isInteger(vouchers) || vouchers < 0)
  throw new Error(`--vouchers must be a whole number, not "${values.vouchers}"`);
const folder = resolveDataFolder(values.data);
mkdirSync(folder, { recursive: true });
const book = await openBook({ file: join(folder, BOOK_FILE_NAME) });
const started = Date.now();
const result = fillDemoBook(book, {
  vouchers,
  seed: Number(values.seed),
  onProgress: (done, total) =>
    process.stdout.write(`\r${done.toLocaleString('en')} / ${total.toLocaleString('en')} vouchers`),
});
await book.close();
console.log(
  `\nDemo book ready: ${result.parties} cards, ${result.vouchers.toLocaleString('en')} vouchers in ${((Date.now() - started) / 1000).toFixed(1)} s — ${join(folder, BOOK_FILE_NAME)}`,
);
