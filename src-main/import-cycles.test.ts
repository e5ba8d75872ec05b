import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// No file imports itself through others, type-only imports included: a cycle makes the load
// order decide what is defined, and ties files that should change apart. madge (a devDependency)
// draws the graph; the part of its API used here is typed below, as madge ships no types.

interface MadgeResult {
  obj(): Record<string, string[]>;
  circular(): string[][];
  warnings(): { skipped: string[] };
}
type Madge = (paths: string[], config: object) => Promise<MadgeResult>;
const madge = createRequire(import.meta.url)('madge') as Madge;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CODE = ['src-main', 'src-shared', 'src-renderer', 'src-licensing', 'test-support', 'scripts', 'e2e'];

// None: the last ones (issue 39) were broken by moving the types a book is held by into
// src-main/book/book.ts, the office connection into its own file, and choosers out of interface files.
const KNOWN_CYCLES: string[] = [];

async function importGraph(baseDir: string, paths: string[]): Promise<MadgeResult> {
  return madge(
    paths.map((path) => join(baseDir, path)),
    {
      baseDir,
      fileExtensions: ['ts', 'tsx'],
      tsConfig: join(ROOT, 'tsconfig.json'),
      detectiveOptions: { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } },
    },
  );
}

/** One line per cycle, started at its first file by name, so the same cycle always reads the same. */
function cyclesOf(graph: MadgeResult): string[] {
  return graph
    .circular()
    .map((cycle) => {
      const first = cycle.indexOf([...cycle].sort()[0]!);
      return [...cycle.slice(first), ...cycle.slice(0, first)].join(' → ');
    })
    .sort();
}

describe('import cycles', () => {
  it('has none in the code but the known ones', { timeout: 120_000 }, async () => {
    const graph = await importGraph(ROOT, CODE);
    // The graph is the whole code, and every import between our files was followed.
    expect(Object.keys(graph.obj()).length).toBeGreaterThan(400);
    expect(graph.warnings().skipped.filter((name) => name.startsWith('.'))).toEqual([]);
    expect(cyclesOf(graph)).toEqual(KNOWN_CYCLES);
  });

  describe('finds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'daftar-cycles-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('a cycle made only of type imports', { timeout: 60_000 }, async () => {
      writeFileSync(join(dir, 'a.ts'), "import type { B } from './b';\nexport interface A { b: B }\n");
      writeFileSync(join(dir, 'b.ts'), "import { type A } from './a';\nexport interface B { a: A }\n");
      writeFileSync(join(dir, 'c.ts'), "import type { A } from './a';\nexport type C = A;\n");
      expect(cyclesOf(await importGraph(dir, ['a.ts', 'b.ts', 'c.ts']))).toEqual(['a.ts → b.ts']);
    });
  });
});
