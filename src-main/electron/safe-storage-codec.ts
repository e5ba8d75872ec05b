import type { SafeStorage } from 'electron';
import { AppError } from '../../src-shared/errors';
import type { SecretCodec } from '../secrets/json-file-secret-store';

/** The part of Electron's safeStorage the codec uses. */
export type SecretSealer = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

/**
 * Seals secrets with the OS keychain (DPAPI, Keychain, libsecret/kwallet) through Electron's
 * safeStorage. On Linux without a keyring, safeStorage falls back to "basic_text": a key
 * written in Chromium's source, which protects nothing. A password is then refused, with
 * a message saying why, rather than stored as good as plain.
 */
export function safeStorageCodec(storage: SecretSealer, platform: NodeJS.Platform): SecretCodec {
  return {
    seal(value) {
      if (!storage.isEncryptionAvailable())
        throw AppError.because(
          'keychain_unavailable',
          'The system keychain is not available, so the password cannot be stored safely.',
          { why: 'unavailable' },
        );
      if (platform === 'linux' && storage.getSelectedStorageBackend() === 'basic_text')
        throw AppError.because(
          'keychain_unavailable',
          'No keyring (GNOME Keyring or KWallet) is running, so the password cannot be stored safely.',
          { why: 'basic_text' },
        );
      return storage.encryptString(value).toString('base64');
    },
    open: (sealed) => storage.decryptString(Buffer.from(sealed, 'base64')),
  };
}
