// One desktop of an office, as its own process: opens the office book at the URL given and saves
// `count` sales invoices for the card given, all at once, then prints the numbers they got as JSON.
// Run by office-book.test.ts: node --import tsx office-desktop.ts <url> <partyId> <count>
import { connectionOf } from './fresh-postgres';
import { invoiceInput } from './fixtures';
import { testCore } from './test-core';

const [url, partyId, count] = process.argv.slice(2) as [string, string, string];
const desktop = await testCore({ office: connectionOf(url) });
const saved = await Promise.all(
  Array.from({ length: Number(count) }, () => desktop.ok('vouchers.save', invoiceInput(partyId))),
);
process.stdout.write(JSON.stringify(saved.map((v) => v.number)));
await desktop.close();
