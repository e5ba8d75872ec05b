import { expect, it } from 'vitest';
import { safeStorageCodec, type SecretSealer } from './safe-storage-codec';

// Electron cannot run here: this stands in for safeStorage as Linux reports it without a keyring.
const linuxWithout = (backend: ReturnType<SecretSealer['getSelectedStorageBackend']>): SecretSealer => ({
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => backend,
  encryptString: (text) => Buffer.from(`sealed:${text}`),
  decryptString: (buffer) => buffer.toString().replace(/^sealed:/, ''),
});

it('refuses to store a password on Linux when safeStorage fell back to basic_text, saying why', () => {
  const codec = safeStorageCodec(linuxWithout('basic_text'), 'linux');
  expect(() => codec.seal('office-password')).toThrow(
    expect.objectContaining({ code: 'conflict', details: { reason: 'keychain_unavailable', why: 'basic_text' } }),
  );
});

it('seals with a real keyring (gnome_libsecret, kwallet) and elsewhere', () => {
  const codec = safeStorageCodec(linuxWithout('gnome_libsecret'), 'linux');
  expect(codec.open(codec.seal('office-password'))).toBe('office-password');
  expect(() => safeStorageCodec(linuxWithout('basic_text'), 'win32').seal('x')).not.toThrow();
});
