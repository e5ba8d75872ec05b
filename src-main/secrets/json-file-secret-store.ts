import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretStore } from '../ports';

/** How a value is sealed before it touches the disk (Electron: safeStorage; Node host: as is, in a 0600 file). */
export interface SecretCodec {
  seal(value: string): string;
  open(sealed: string): string;
}

export const plainCodec: SecretCodec = { seal: (v) => v, open: (v) => v };

/**
 * Secrets in one JSON file beside the book (never inside it), readable by the user only,
 * replaced atomically so a crash mid-write keeps the previous file.
 */
export class JsonFileSecretStore implements SecretStore {
  constructor(
    private readonly file: string,
    private readonly codec: SecretCodec = plainCodec,
  ) {}

  private read(): Record<string, string> {
    if (!existsSync(this.file)) return {};
    return JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>;
  }

  private write(values: Record<string, string>): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(values), { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.file);
  }

  async get(key: string): Promise<string | null> {
    const sealed = this.read()[key];
    return sealed === undefined ? null : this.codec.open(sealed);
  }

  async set(key: string, value: string): Promise<void> {
    this.write({ ...this.read(), [key]: this.codec.seal(value) });
  }

  async delete(key: string): Promise<void> {
    const values = this.read();
    if (!(key in values)) return;
    delete values[key];
    this.write(values);
  }
}
