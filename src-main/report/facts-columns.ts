import type SQLite from 'better-sqlite3';
import { SEARCH_FACT_HOUR, SEARCH_FACT_STATES } from '../book/migrations/0021-mail-report-search-facts';
import type { ReportWindow } from './mail-report.hours';
import type { HourCounts, CountedHours } from './mail-report.search-facts';

/** The states counted apart, in SEARCH_FACT_STATES' order: sent 0, bounced 1, failed 2. */
const FAILED = SEARCH_FACT_STATES.indexOf('failed');

/** Facts read per step while the columns fill: a step holds the read worker for about ten milliseconds. */
export const FILL_STEP = 5_000;

/**
 * The outbox's search facts (migration 0021) as columns in memory, indexed by rowid, on the read
 * worker: a broad search's tens of thousands of matches are counted with an array read each, where
 * SQLite took a lookup and an aggregate call each. Filled once in steps, then kept current by
 * reading the facts whose version is newer than the last one read (a few per message sent).
 */
export class FactsColumns {
  private at = new Float64Array(0);
  private state = new Int8Array(0);
  private recipients = new Int32Array(0);
  private credits = new Int32Array(0);
  /** The newest version read: every fact changed up to it is in the columns. */
  private version = 0;
  private filled = false;
  /** The mail report was opened: the worker fills the columns between reads, before a search needs them. */
  wanted = false;
  private readonly changes: SQLite.Statement<[number, number], [number, number, number, number, number, number]>;
  private readonly lastVersion: SQLite.Statement<[], number | null>;

  constructor(sqlite: SQLite.Database) {
    this.changes = sqlite
      .prepare<[number, number], [number, number, number, number, number, number]>(
        `select rid, at, state, recipients, credits, version from outbox_search_facts
         where version > ? order by version limit ?`,
      )
      .raw();
    this.lastVersion = sqlite.prepare<[], number | null>('select max(version) from outbox_search_facts').pluck();
  }

  /** Whether the first fill is done (then current() answers). */
  get ready(): boolean {
    return this.filled;
  }

  /** Reads up to `rows` changed facts; true when none newer is left (the first fill is then done). */
  step(rows = FILL_STEP): boolean {
    const changed = this.changes.all(this.version, rows);
    for (const [rid, at, state, recipients, credits, version] of changed) {
      this.fit(rid);
      this.at[rid] = at;
      this.state[rid] = state;
      this.recipients[rid] = recipients;
      this.credits[rid] = credits;
      this.version = version;
    }
    if (changed.length < rows) this.filled = true;
    return changed.length < rows;
  }

  /**
   * The columns with every change read, for a report; null until the first fill is done. A book whose
   * versions went back (a backup restored under the same connection) is read again from the start.
   */
  current(): this | null {
    if (!this.filled) return null;
    if ((this.lastVersion.get() ?? 0) < this.version) {
      this.reset();
      return null;
    }
    while (!this.step());
    return this;
  }

  /**
   * The matches within the window (and the state asked, if any) in one pass: their counts per UTC
   * hour, and the rowids of the `wanted` newest with every match as new as the last of them (equal
   * times are ordered by id, which only the rows hold), all of them if fewer.
   */
  summarize(
    rids: readonly number[],
    window: ReportWindow,
    state: number | null,
    wanted: number,
  ): { counts: CountedHours; newest: number[] } {
    const [since, until] = [window.since.getTime(), window.until.getTime()];
    // Per hour of the window from its first whole hour: messages, sent, bounced, failed.
    const first = since - (since % SEARCH_FACT_HOUR);
    const perHour = new Int32Array((Math.ceil((until - first) / SEARCH_FACT_HOUR) + 1) * 4);
    const kept: number[] = [];
    const times = new Float64Array(rids.length);
    let [recipients, credits] = [0, 0];
    for (const rid of rids) {
      if (!this.holds(rid, since, until, state)) continue;
      const at = this.at[rid]!;
      const slot = Math.floor((at - first) / SEARCH_FACT_HOUR) * 4;
      perHour[slot]! += 1;
      const s = this.state[rid]!;
      if (s <= FAILED) perHour[slot + 1 + s]! += 1;
      recipients += this.recipients[rid]!;
      credits += this.credits[rid]!;
      times[kept.length] = at;
      kept.push(rid);
    }
    const hours: HourCounts[] = [];
    for (let slot = 0; slot < perHour.length; slot += 4) {
      const messages = perHour[slot]!;
      if (messages === 0) continue;
      const start = first + (slot / 4) * SEARCH_FACT_HOUR;
      hours.push({
        start,
        messages,
        sent: perHour[slot + 1]!,
        bounced: perHour[slot + 2]!,
        failed: perHour[slot + 3]!,
      });
    }
    const counts = { hours, recipients, credits };
    if (kept.length <= wanted) return { counts, newest: kept };
    const oldestWanted = times.subarray(0, kept.length).sort()[kept.length - wanted]!;
    return { counts, newest: kept.filter((rid) => this.at[rid]! >= oldestWanted) };
  }

  /**
   * Whether a message is in the window and state. A match committed after the columns were brought
   * up to date is beyond them or not yet filled (state -1): left for the next report, as its row is.
   */
  private holds(rid: number, since: number, until: number, state: number | null): boolean {
    if (rid >= this.at.length) return false;
    const [at, s] = [this.at[rid]!, this.state[rid]!];
    return s >= 0 && at >= since && at < until && (state === null || s === state);
  }

  private fit(rid: number) {
    if (rid < this.at.length) return;
    const size = Math.max(1024, rid + 1, this.at.length * 2);
    const grow = <T extends Float64Array | Int8Array | Int32Array>(old: T, made: T) => {
      made.set(old);
      return made;
    };
    this.at = grow(this.at, new Float64Array(size));
    this.state = grow(this.state, new Int8Array(size).fill(-1));
    this.recipients = grow(this.recipients, new Int32Array(size));
    this.credits = grow(this.credits, new Int32Array(size));
  }

  private reset() {
    this.at = new Float64Array(0);
    this.state = new Int8Array(0);
    this.recipients = new Int32Array(0);
    this.credits = new Int32Array(0);
    this.version = 0;
    this.filled = false;
  }
}
