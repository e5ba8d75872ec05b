import { safeStorage } from 'electron';
import { AppError } from '../../src-shared/errors';
import type { SecretCodec } from '../secrets/json-file-secret-store';

/** Seals secrets with the OS keychain (DPAPI, Keychain, libsecret) through Electron's safeStorage. */
export const safeStorageCodec: SecretCodec = {
  seal(value) {
    if (!safeStorage.isEncryptionAvailable()) {
      throw AppError.because(
        'keychain_unavailable',
        'The system keychain is not available, so the password cannot be stored safely.',
      );
    }
    return safeStorage.encryptString(value).toString('base64');
  },
  open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
};
