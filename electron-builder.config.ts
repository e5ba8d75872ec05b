import type { Configuration } from 'electron-builder';

/**
 * Packaging of the desktop app (`npm run dist`). Needs the Electron zip (network), and
 * better-sqlite3 rebuilt for Electron's ABI (`npx electron-builder install-app-deps`) on a
 * machine that can reach GitHub; neither is possible on the build machines here. Written
 * in TypeScript so `npm test` typechecks and lints it, fuses included.
 */
const config: Configuration = {
  appId: 'ps.daftar.desktop',
  productName: 'Daftar',
  copyright: 'Daftar',
  directories: { output: 'release', buildResources: 'resources' },
  files: ['dist/electron/**', 'dist/renderer/**', 'package.json', '!**/*.map'],
  extraResources: [{ from: 'resources', to: 'resources', filter: ['**/*', '!README.md'] }],
  asar: true,
  asarUnpack: ['**/node_modules/better-sqlite3/**'],
  npmRebuild: true,
  // Flipped in the Electron binary before signing: the shipped app cannot be turned into a
  // plain Node (ELECTRON_RUN_AS_NODE), fed code through NODE_OPTIONS or --inspect, or run
  // from files beside app.asar or a changed app.asar.
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    enableCookieEncryption: true,
    grantFileProtocolExtraPrivileges: false,
  },
  linux: { target: ['AppImage', 'deb'], category: 'Office' },
  win: { target: 'nsis' },
  mac: { target: 'dmg', category: 'public.app-category.finance' },
};

export default config;
