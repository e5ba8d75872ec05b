// One desktop of an office, as its own process, that starts a bulk send and sends it with its own
// outbox worker until it is killed. Run by office-outbox.test.ts:
//   node --import tsx office-bulk-desktop.ts <database url> <from> <to>
// with DAFTAR_LICENSING_KEY (the grants' public key, PEM) in its environment. Prints the bulk's id.
import { ChromiumPrinter } from '../src-main/host/chromium-printer';
import { connectionOf } from './fresh-postgres';
import { bulkInput } from './fixtures';
import { RESOURCES_DIR, testCore } from './test-core';

const [url, from, to] = process.argv.slice(2) as [string, string, string];
const printer = new ChromiumPrinter(RESOURCES_DIR);
const desktop = await testCore({
  office: connectionOf(url),
  printer: { pdf: (h) => printer.pdf(h), close: async () => {} },
  licensing: { url: null, publicKeyPem: process.env.DAFTAR_LICENSING_KEY ?? '' },
  mail: { auto: true },
});
const bulk = await desktop.ok('bulk.start', {
  options: bulkInput({ range: { by: 'number', from: Number(from), to: Number(to) } }),
});
process.stdout.write(`${bulk.id}\n`);
// Runs until the test kills it.
setInterval(() => {}, 60_000);
