import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { grantMessage, type Grant } from '../src-shared/licensing/grant';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
export const newSecret = () => randomBytes(32).toString('base64url');

export interface SigningKey {
  privateKey: KeyObject;
  publicKeyPem: string;
}

export const signGrant = (key: SigningKey, grant: Grant): string =>
  sign(null, Buffer.from(grantMessage(grant)), key.privateKey).toString('base64');

export function signingKeyFromPem(pem: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  return { privateKey, publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() };
}

export function generateSigningKey(): SigningKey & { privateKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * The server's Ed25519 key: from a file when given, else created once in the data folder
 * (private key readable by the owner only; public key beside it, to ship in the app).
 */
export function loadOrCreateSigningKey(
  file: string | undefined,
  dataFolder: string,
): SigningKey & { file: string; publicFile: string } {
  const keyFile = file ?? join(dataFolder, 'signing-key.pem');
  const publicFile = join(dirname(keyFile), 'public-key.pem');
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true });
    const created = generateSigningKey();
    writeFileSync(keyFile, created.privateKeyPem, { mode: 0o600 });
    chmodSync(keyFile, 0o600);
  }
  const key = signingKeyFromPem(readFileSync(keyFile, 'utf8'));
  writeFileSync(publicFile, key.publicKeyPem);
  return { ...key, file: keyFile, publicFile };
}
