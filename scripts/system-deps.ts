// The system parts Daftar needs beside npm's: check them, and install the missing ones where we may.
//
//   tsx scripts/system-deps.ts check  [--for start|test]   say what is missing (exit 1 if anything)
//   tsx scripts/system-deps.ts ensure [--for start|test]   install what is missing (Debian or Ubuntu, as
//                                                           root or with passwordless sudo); elsewhere
//                                                           say exactly what is missing and how to install it
//   --soft   a missing part is a warning, not a failure (npm start: the app runs, without PDFs)
//
// DAFTAR_NO_SYSTEM_INSTALL=1 turns installing off (ensure then behaves as check).
import { parseArgs } from 'node:util';
import { isDebianLike } from '../src-main/host/os-release';
import { aptInstall, installCommands, installer } from './system-deps/apt';
import { missingParts, type Purpose, type SystemPart } from './system-deps/parts';

const WHAT: Record<Purpose, string> = { start: 'Daftar', test: "Daftar's tests" };

function describe(missing: SystemPart[], purpose: Purpose, soft: boolean): string {
  const packages = [...new Set(missing.map((p) => p.debianPackage))];
  const lines = [
    `${WHAT[purpose]} need${purpose === 'start' ? 's' : ''} system parts that are not installed here:`,
    ...missing.map((p) => `  - ${p.name}: ${p.why} (Debian package ${p.debianPackage})`),
    isDebianLike() ? 'Install them with:' : "Install them with your system's package manager; on Debian or Ubuntu:",
    ...installCommands(packages).map((c) => `  ${c}`),
  ];
  lines.push(
    soft
      ? 'Daftar starts without them: PDFs cannot be made (nor documents printed or emailed) until they are installed.'
      : `then run npm ${purpose} again.`,
  );
  return lines.join('\n');
}

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { for: { type: 'string', default: 'test' }, soft: { type: 'boolean', default: false } },
  });
  const mode = positionals[0];
  const purpose = values.for as Purpose;
  if ((mode !== 'check' && mode !== 'ensure') || (purpose !== 'start' && purpose !== 'test')) {
    console.error('Usage: tsx scripts/system-deps.ts check|ensure [--for start|test] [--soft]');
    return 2;
  }
  const missing = missingParts(purpose);
  if (missing.length === 0) return 0;
  const failed = values.soft ? 0 : 1;

  const as = mode === 'ensure' && !process.env.DAFTAR_NO_SYSTEM_INSTALL && isDebianLike() ? installer() : null;
  if (!as) {
    console.error(describe(missing, purpose, values.soft));
    return failed;
  }
  const packages = [...new Set(missing.map((p) => p.debianPackage))];
  console.error(
    `Installing what ${WHAT[purpose]} need${purpose === 'start' ? 's' : ''} from Debian's packages (once): ${packages.join(' ')}`,
  );
  try {
    aptInstall(packages, as);
  } catch (error) {
    console.error(`${(error as Error).message}\n${describe(missing, purpose, values.soft)}`);
    return failed;
  }
  const still = missingParts(purpose);
  if (still.length) {
    console.error(`Installed, yet still missing:\n${describe(still, purpose, values.soft)}`);
    return failed;
  }
  return 0;
}

process.exitCode = main();
