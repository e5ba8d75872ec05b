import type SQLite from 'better-sqlite3';

/** What key_runs() gives: each run of equal keys in the order they came, and its length. */
export interface KeyRuns {
  keys: number[];
  counts: number[];
}

/**
 * Counts a column's values in one pass without sorting them. A searched mail report's matches come
 * in rowid order, which is nearly time order, so their hours arrive in long runs: counting runs costs
 * a comparison a row, where GROUP BY sorts every row first (a third of a broad search's time).
 * The same key may start several runs when rows were created out of order; the caller adds them up.
 */
export const KEY_RUNS = 'key_runs';

/** Registers Daftar's own SQL functions on a connection to a book file (the main one and the read worker's). */
export function addSqlFunctions(sqlite: SQLite.Database): void {
  sqlite.aggregate(KEY_RUNS, {
    start: (): KeyRuns => ({ keys: [], counts: [] }),
    // The typings know only sums of one type; SQLite hands an integer key here.
    step: (runs: KeyRuns, value: unknown) => {
      const key = value as number;
      const last = runs.keys.length - 1;
      if (last >= 0 && runs.keys[last] === key) runs.counts[last]! += 1;
      else {
        runs.keys.push(key);
        runs.counts.push(1);
      }
      return runs;
    },
    result: (runs: KeyRuns) => JSON.stringify(runs),
  });
}
