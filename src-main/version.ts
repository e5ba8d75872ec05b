declare const __DAFTAR_VERSION__: string | undefined;

/** Set from package.json when bundled (esbuild `define`); a dev marker when run from source. */
export const APP_VERSION: string = typeof __DAFTAR_VERSION__ === 'string' ? __DAFTAR_VERSION__ : '0.0.0-dev';
