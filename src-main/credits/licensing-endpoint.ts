declare const __DAFTAR_LICENSING__: { url: string | null; publicKeyPem: string } | undefined;

/** The licensing server and key baked into this build by scripts/build-main.mjs (absent when run from source). */
export const BUILT_LICENSING = typeof __DAFTAR_LICENSING__ === 'object' ? __DAFTAR_LICENSING__ : undefined;

export interface LicensingEndpoint {
  url: string | null;
  publicKeyPem: string;
  /** Settings from the environment that were not used, for the log. */
  ignored: string[];
}

/**
 * Which licensing server a desktop talks to, and which key its grants must verify with.
 * A packaged app uses what was fixed when it was built: otherwise anyone could point it at
 * a server of their own (DAFTAR_LICENSING_URL) that grants what it likes, signed by a key
 * of their own (DAFTAR_LICENSING_KEY). Development builds take the environment.
 */
export function licensingEndpoint(options: {
  packaged: boolean;
  built: { url: string | null; publicKeyPem: string } | undefined;
  env: NodeJS.ProcessEnv;
  /** The key file for development builds. */
  readKey: (file: string | undefined) => string;
}): LicensingEndpoint {
  const { env } = options;
  const fromEnv = ['DAFTAR_LICENSING_URL', 'DAFTAR_LICENSING_KEY'].filter((name) => env[name] !== undefined);
  if (options.packaged) {
    if (!options.built) throw new Error('This packaged build has no licensing server fixed in it');
    return { url: options.built.url, publicKeyPem: options.built.publicKeyPem, ignored: fromEnv };
  }
  return {
    url: env.DAFTAR_LICENSING_URL ?? options.built?.url ?? null,
    publicKeyPem: env.DAFTAR_LICENSING_KEY
      ? options.readKey(env.DAFTAR_LICENSING_KEY)
      : (options.built?.publicKeyPem ?? options.readKey(undefined)),
    ignored: [],
  };
}
