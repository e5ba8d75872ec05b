// Bundles the main-process code: the Electron main and preload, the Node host, and beside each the read
// worker and the mail parser (worker threads, which cannot load TypeScript).
// CJS, because a sandboxed preload must be CJS and Electron's main loads it simplest.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// The licensing server and its grant key are fixed here, at build time: a packaged app
// ignores the environment (src-main/credits/licensing-endpoint.ts).
const licensing = {
  url: process.env.DAFTAR_LICENSING_URL ?? null,
  publicKeyPem: readFileSync(
    process.env.DAFTAR_LICENSING_KEY ?? new URL('../resources/licensing/public.pem', import.meta.url),
    'utf8',
  ),
};
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: ['electron', 'better-sqlite3', 'playwright-core'],
  // React's production build: the development one checks every element and renders documents far slower.
  define: {
    __DAFTAR_VERSION__: JSON.stringify(version),
    __DAFTAR_LICENSING__: JSON.stringify(licensing),
    'process.env.NODE_ENV': '"production"',
  },
  logLevel: 'warning',
};

await Promise.all([
  build({
    ...common,
    entryPoints: {
      main: 'src-main/electron/main.ts',
      preload: 'src-main/electron/preload.ts',
      'read-worker': 'src-main/reads/read-worker-thread.ts',
      'mail-parser': 'src-main/mail/imap/bounce-parser-thread.ts',
    },
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
  }),
  build({
    ...common,
    entryPoints: {
      serve: 'src-main/host/serve.ts',
      'read-worker': 'src-main/reads/read-worker-thread.ts',
      'mail-parser': 'src-main/mail/imap/bounce-parser-thread.ts',
    },
    outdir: 'dist/host',
    outExtension: { '.js': '.cjs' },
  }),
]);
console.log(`built main, preload and host (Daftar ${version})`);
