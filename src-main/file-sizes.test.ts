import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Small files with one job (issue 39): no code file is over 300 lines. The i18n dictionaries are
// the exception, as the issue says: one language's texts are one table.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CODE = ['src-main', 'src-shared', 'src-renderer', 'src-licensing', 'test-support', 'scripts', 'e2e'];
const DICTIONARIES = new Set(['src-renderer/i18n/ar.ts', 'src-renderer/i18n/en.ts']);
const LIMIT = 300;

function codeFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ts|tsx|mjs|cjs|js)$/.test(name))
    .map((name) => relative(ROOT, join(ROOT, folder, name)));
}

const lineCount = (file: string) => readFileSync(join(ROOT, file), 'utf8').replace(/\n$/, '').split('\n').length;

/** The code files over the limit, with their length. */
export const overLimit = (files: string[], linesOf: (file: string) => number = lineCount): string[] =>
  files
    .filter((file) => !DICTIONARIES.has(file))
    .map((file) => [file, linesOf(file)] as const)
    .filter(([, lines]) => lines > LIMIT)
    .map(([file, lines]) => `${file}: ${lines} lines`);

describe('file sizes', () => {
  it(`has no code file over ${LIMIT} lines but the i18n dictionaries`, () => {
    const files = CODE.flatMap(codeFiles);
    expect(files.length).toBeGreaterThan(400);
    expect(overLimit(files)).toEqual([]);
  });

  it('would name a file over the limit, and not a dictionary', () => {
    const lines = (file: string) => (file.endsWith('long.ts') || DICTIONARIES.has(file) ? 301 : 300);
    expect(overLimit(['src-main/long.ts', 'src-main/short.ts', 'src-renderer/i18n/ar.ts'], lines)).toEqual([
      'src-main/long.ts: 301 lines',
    ]);
  });
});
