import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { JsonFileSecretStore } from './json-file-secret-store';

const dir = mkdtempSync(join(tmpdir(), 'daftar-secrets-'));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('keeps secrets in a file only the user can read, sealed by the codec, and deletes them', async () => {
  const file = join(dir, 'nested', 'secrets.json');
  const codec = {
    seal: (v: string) => Buffer.from(v).toString('base64'),
    open: (v: string) => Buffer.from(v, 'base64').toString(),
  };
  const store = new JsonFileSecretStore(file, codec);
  expect(await store.get('smtp.password')).toBeNull();
  await store.set('smtp.password', 'كلمة سر');
  await store.set('other', 'x');
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(readFileSync(file, 'utf8')).not.toContain('كلمة سر');
  expect(await new JsonFileSecretStore(file, codec).get('smtp.password')).toBe('كلمة سر');
  await store.delete('smtp.password');
  expect(await store.get('smtp.password')).toBeNull();
  expect(await store.get('other')).toBe('x');
});
