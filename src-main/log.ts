/**
 * The main-process log. Goes to stderr; anything that looks like a secret is masked
 * before it is written, so a password can never reach the log by accident.
 */
const SECRET_KEYS = /pass(word)?|secret|token|authorization/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      SECRET_KEYS.test(k) ? '***' : redact(v, depth + 1),
    ]),
  );
}

export interface Logger {
  info(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}

export const consoleLogger: Logger = {
  info: (message, data) => console.error(`[daftar] ${message}`, data === undefined ? '' : JSON.stringify(redact(data))),
  error: (message, data) => console.error(`[daftar] ERROR ${message}`, data === undefined ? '' : redact(data)),
};

export const silentLogger: Logger = { info: () => {}, error: () => {} };
