import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Office mode is a kind of book, not a dialect (issue 39). Code asks a book what it can do
// (book.files, book.locks, book.problemOf); which SQL a book speaks is asked only where SQL is
// written, and which kind it is only where the kinds truly differ. This keeps new features from
// adding "office or file?" branches across the code, as office mode first did.

const MAIN = fileURLToPath(new URL('.', import.meta.url));

/** Where the dialect may be asked: repos, migrations, the dialect's own file, and the mail report's planner. */
const mayAskDialect = (file: string) =>
  file.endsWith('.repo.ts') ||
  file.startsWith('book/migrations/') ||
  file === 'book/dialect.ts' ||
  file === 'mail-report/report-plan.ts';

/** Where the kind may be asked: the book itself, the office book, and the choice of how users are written. */
const mayAskKind = (file: string) =>
  file.startsWith('book/') || file.startsWith('office/') || file === 'users/user-writes-of-book.ts';

const ASKS_DIALECT = /\bdialectOf\(|\bperDialect\(|\.dialect\s*[!=]==/;
const ASKS_KIND = /\.kind\s*[!=]==\s*'(here|office)'/;

const runtimeFiles = (): string[] =>
  readdirSync(MAIN, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name))
    .map((name) => name.split('\\').join('/'));

/** The files that ask what they should not, as `file: line`. */
export function strayQuestions(files: { file: string; text: string }[]): string[] {
  const stray: string[] = [];
  for (const { file, text } of files)
    text.split('\n').forEach((line, i) => {
      if (ASKS_DIALECT.test(line) && !mayAskDialect(file)) stray.push(`${file}:${i + 1} asks the dialect`);
      if (ASKS_KIND.test(line) && !mayAskKind(file)) stray.push(`${file}:${i + 1} asks the kind`);
    });
  return stray;
}

describe('kinds of book', () => {
  it('asks the dialect only where SQL is written, and the kind only in book/ and office/', () => {
    const files = runtimeFiles().map((file) => ({ file, text: readFileSync(join(MAIN, file), 'utf8') }));
    expect(files.length).toBeGreaterThan(150);
    expect(strayQuestions(files)).toEqual([]);
  });

  it('would name a handler that asks either', () => {
    const text = "if (book.kind === 'office') x();\nconst d = dialectOf(db);\n";
    expect(strayQuestions([{ file: 'mail/worker.ts', text }])).toEqual([
      'mail/worker.ts:1 asks the kind',
      'mail/worker.ts:2 asks the dialect',
    ]);
    expect(strayQuestions([{ file: 'office/office-book.ts', text: "book.kind === 'office'" }])).toEqual([]);
  });
});
