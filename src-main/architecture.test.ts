import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contract, events } from '../src-shared/api/contract';

// docs/ARCHITECTURE.md is the map: every domain of the contract has a row in its domain table, the
// row names the files that hold the domain's calls, and every path the page writes in backticks exists.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAP = 'docs/ARCHITECTURE.md';

export interface DomainRow {
  domain: string;
  handlers: string[];
  api: string[];
}

const inBackticks = (text: string): string[] => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

/** The rows between `<!-- domains -->` and `<!-- /domains -->`: | `domain` | `handlers`… | `api` | … |. */
export function domainRows(markdown: string): DomainRow[] {
  const start = markdown.indexOf('<!-- domains -->');
  const end = markdown.indexOf('<!-- /domains -->');
  if (start < 0 || end < start) throw new Error(`${MAP} has no <!-- domains --> … <!-- /domains --> table`);
  return markdown
    .slice(start, end)
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const cells = line.split('|').map((cell) => cell.trim());
      // cells[0] is the text before the first pipe.
      const [domain] = inBackticks(cells[1] ?? '');
      return { domain: domain ?? '', handlers: inBackticks(cells[2] ?? ''), api: inBackticks(cells[3] ?? '') };
    });
}

/**
 * What the page writes in backticks that is a path from the repository's root: no spaces, no
 * pattern (`<data>/…`, `*.test.ts`, `<domain>`), not the system's (`/usr/bin/…`), and a `/` in it or a
 * name ending in .ts, .tsx or .md.
 * Fenced code blocks are drawings and code, not paths.
 */
export function namedPaths(markdown: string): string[] {
  const prose = markdown.replace(/^[ \t]*```[\s\S]*?^[ \t]*```/gm, '');
  const paths = inBackticks(prose).filter(
    (span) => !/[\s<>*…]/.test(span) && !span.startsWith('/') && (span.includes('/') || /\.(ts|tsx|md)$/.test(span)),
  );
  return [...new Set(paths)];
}

/** The contract's domains, as its call and event names give them (domain.verb). */
const contractDomains = (): string[] => [
  ...new Set([...Object.keys(contract), ...Object.keys(events)].map((name) => name.split('.')[0]!)),
];

const missingDomains = (markdown: string): string[] => {
  const rows = new Set(domainRows(markdown).map((row) => row.domain));
  return contractDomains().filter((domain) => !rows.has(domain));
};

const missingPaths = (markdown: string): string[] => namedPaths(markdown).filter((path) => !existsSync(ROOT + path));

const map = readFileSync(ROOT + MAP, 'utf8');

describe('docs/ARCHITECTURE.md', () => {
  it('has a row for every domain of the contract, and none for a domain it does not have', () => {
    expect(missingDomains(map)).toEqual([]);
    const domains = new Set(contractDomains());
    expect(domainRows(map).filter((row) => !domains.has(row.domain))).toEqual([]);
  });

  it('names, for each domain, the API file that declares every call and the handler files that answer them', () => {
    const wrong: string[] = [];
    for (const row of domainRows(map)) {
      const read = (files: string[]) => files.map((file) => readFileSync(ROOT + file, 'utf8')).join('\n');
      const api = read(row.api);
      const handlers = read(row.handlers);
      for (const name of Object.keys(contract).filter((call) => call.startsWith(`${row.domain}.`))) {
        if (!api.includes(`'${name}'`)) wrong.push(`${name} is not declared in ${row.api.join(', ')}`);
        if (!handlers.includes(`'${name}'`)) wrong.push(`${name} is not handled in ${row.handlers.join(', ')}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('names only paths that exist', () => {
    expect(missingPaths(map)).toEqual([]);
  });

  it('would fail on a missing row or a wrong path', () => {
    const withoutBook = map
      .split('\n')
      .filter((line) => !line.startsWith('| `book` |'))
      .join('\n');
    expect(missingDomains(withoutBook)).toEqual(['book']);
    const wrongPath = map.replace('`src-main/core.ts`', '`src-main/kore.ts`');
    expect(missingPaths(wrongPath)).toEqual(['src-main/kore.ts']);
    expect(namedPaths('`<data>/outbox/<id>.eml` `*.test.ts` `a b/c` `/usr/bin/x` ```\nsrc-main/x.ts\n```')).toEqual([]);
  });
});
