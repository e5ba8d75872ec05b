// `npm start`: the Electron app when its runtime is here; otherwise, in one line, why not,
// and the Node host instead (same core, the app in the browser). The Node host makes PDFs with the
// system's Chromium: before building, that is checked (and installed, on Debian or Ubuntu as root or
// with passwordless sudo); where it cannot be, Daftar says so at once and starts without PDFs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

const electronDir = () => dirname(require.resolve('electron/package.json'));

function electronBinary() {
  try {
    const pathFile = join(electronDir(), 'path.txt');
    if (!existsSync(pathFile)) return null; // not downloaded yet
    const binary = join(electronDir(), 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Electron's package downloads its runtime on first use (from GitHub); try once, briefly, and go on without it. */
function downloadElectron() {
  if (process.env.DAFTAR_NODE_HOST) return null;
  console.log('Downloading the Electron runtime (once)…');
  try {
    spawnSync(process.execPath, [join(electronDir(), 'install.js')], { stdio: 'ignore', timeout: 120_000 });
  } catch {
    /* no Electron package: the Node host */
  }
  return electronBinary();
}

const binary = electronBinary() ?? downloadElectron();
if (!binary) {
  console.log(
    'The Electron runtime is not installed here (its binary could not be downloaded); starting the Node host instead — open the URL below in a browser.',
  );
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/system-deps.ts', 'ensure', '--for', 'start', '--soft'], {
    stdio: 'inherit',
  });
}
const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
if (built.status !== 0) process.exit(built.status ?? 1);

const [command, args] = binary
  ? [binary, ['.', ...process.argv.slice(2)]]
  : [process.execPath, ['dist/host/serve.cjs', ...process.argv.slice(2)]];
const child = spawn(command, args, { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
