// One desktop of the office benchmark, as its own process: opens the office book and saves
// <count> sales invoices one after another, as fast as a user could, then prints each save's
// time (ms) and when the first began and the last ended, as JSON. Run by bench-office.ts: tsx bench-office-desktop.ts <url> <partyId> <count>
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../src-main/core';
import { silentLogger } from '../src-main/log';
import { systemClock } from '../src-main/ports';
import { connectionOf } from '../test-support/fresh-postgres';
import { invoiceInput } from '../test-support/fixtures';
import { MemorySecretStore, RESOURCES_DIR, TEST_OFFICE_KEY } from '../test-support/test-core';

const [url, partyId, count] = process.argv.slice(2) as [string, string, string];
const folder = mkdtempSync(join(tmpdir(), 'daftar-bench-desktop-'));
const core = await createCore({
  dataFolder: folder,
  office: connectionOf(url),
  officeKey: TEST_OFFICE_KEY,
  host: 'node',
  version: 'bench',
  resourcesDir: RESOURCES_DIR,
  log: silentLogger,
  ports: {
    printer: { pdf: async () => new Uint8Array(), close: async () => {} },
    secrets: new MemorySecretStore(),
    opener: { open: async () => {} },
    clock: systemClock,
  },
});
const times: number[] = [];
const start = Date.now();
for (let i = 0; i < Number(count); i++) {
  const start = performance.now();
  const answer = await core.call('vouchers.save', invoiceInput(partyId, { date: '2026-11-30' }));
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  times.push(performance.now() - start);
}
process.stdout.write(JSON.stringify({ times, start, end: Date.now() }));
await core.close();
rmSync(folder, { recursive: true, force: true });
