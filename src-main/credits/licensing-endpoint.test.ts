import { expect, it } from 'vitest';
import { licensingEndpoint } from './licensing-endpoint';

const built = { url: 'https://licensing.daftar.example', publicKeyPem: 'BUILT KEY' };
const attacker = { DAFTAR_LICENSING_URL: 'http://127.0.0.1:9999', DAFTAR_LICENSING_KEY: '/tmp/my-own-key.pem' };
const readKey = (file: string | undefined) => `KEY FROM ${file ?? 'resources'}`;

it('a packaged app talks to the server fixed at build time, whatever the environment says', () => {
  expect(licensingEndpoint({ packaged: true, built, env: attacker, readKey })).toEqual({
    url: 'https://licensing.daftar.example',
    publicKeyPem: 'BUILT KEY',
    ignored: ['DAFTAR_LICENSING_URL', 'DAFTAR_LICENSING_KEY'],
  });
  expect(() => licensingEndpoint({ packaged: true, built: undefined, env: {}, readKey })).toThrow(/fixed/);
});

it('a development build takes the environment', () => {
  expect(licensingEndpoint({ packaged: false, built, env: attacker, readKey })).toEqual({
    url: 'http://127.0.0.1:9999',
    publicKeyPem: 'KEY FROM /tmp/my-own-key.pem',
    ignored: [],
  });
  expect(licensingEndpoint({ packaged: false, built: undefined, env: {}, readKey })).toEqual({
    url: null,
    publicKeyPem: 'KEY FROM resources',
    ignored: [],
  });
});
