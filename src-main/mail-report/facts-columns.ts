import type SQLite from 'better-sqlite3';
import type { ReportWindow } from './mail-report.hours';
import type { HourCounts, CountedHours } from './mail-report.search-facts';
import { SEARCH_FACT_HOUR, SEARCH_FACT_STATES } from './search-constants';

/** The states counted apart, in SEARCH_FACT_STATES' order: sent 0, bounced 1, failed 2. */
const FAILED = SEARCH_FACT_STATES.indexOf('failed');

/** A fact as read: rowid, time, state, recipients, credits, version, its three texts' and three keys' numbers. */
type Fact = [number, number, number, number, number, number, number, number, number, number, number, number];

/**
 * What a report asks of each message besides being a match: its window, and its state, card, user
 * and document type when asked (numbers in outbox_search_keys; -1 for a key no message has).
 */
export interface FactsFilter {
  window: ReportWindow;
  state: number | null;
  party: number | null;
  user: number | null;
  type: number | null;
}

/** A search's matches from rowid `first` on: a byte each, 1 for a match. */
export interface Matches {
  first: number;
  marks: Uint8Array;
}

const emptyMatches = (first: number, last: number): Matches => ({
  first,
  marks: new Uint8Array(Math.max(0, last - first + 1)),
});

/** Every rowid from `first` to `last`, for a report with no text search. */
export function everyMatch(first: number, last: number): Matches {
  const matches = emptyMatches(first, last);
  matches.marks.fill(1);
  return matches;
}

/** The matches among the rowids from `first` to `last` that are listed in `rids`. */
export function listedMatches(rids: readonly number[], first: number, last: number): Matches {
  const matches = emptyMatches(first, last);
  for (const rid of rids) if (rid >= first && rid <= last) matches.marks[rid - first] = 1;
  return matches;
}

/** Facts read per step while the columns fill: a step holds the read worker for about ten milliseconds. */
export const FILL_STEP = 5_000;

/**
 * The outbox's search facts (migrations 0021 and 0022) as columns in memory, indexed by rowid, on the read
 * worker: a broad search's tens of thousands of matches are counted with an array read each, where
 * SQLite took a lookup and an aggregate call each. Filled once in steps, then kept current by
 * reading the facts whose version is newer than the last one read (a few per message sent).
 */
export class FactsColumns {
  private at = new Float64Array(0);
  private state = new Int8Array(0);
  private recipients = new Int32Array(0);
  private credits = new Int32Array(0);
  /** The numbers of its subject's, addresses' and copies' kept texts (migration 0022; 0 for none). */
  private subjectText = new Uint32Array(0);
  private toText = new Uint32Array(0);
  private ccText = new Uint32Array(0);
  /** The numbers of its card, user and document type (migration 0022). */
  private partyKey = new Uint32Array(0);
  private userKey = new Uint32Array(0);
  private typeKey = new Uint32Array(0);
  /** The newest version read: every fact changed up to it is in the columns. */
  private version = 0;
  private filled = false;
  /** The mail report was opened: the worker fills the columns between reads, before a search needs them. */
  wanted = false;
  private readonly changes: SQLite.Statement<[number, number], Fact>;
  private readonly lastVersion: SQLite.Statement<[], number | null>;

  constructor(sqlite: SQLite.Database) {
    this.changes = sqlite
      .prepare<[number, number], Fact>(
        `select rid, at, state, recipients, credits, version, subject_text, to_text, cc_text,
           party_key, user_key, type_key from outbox_search_facts
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
    for (const [rid, at, state, recipients, credits, version, subject, to, cc, party, user, type] of changed) {
      this.fit(rid);
      this.at[rid] = at;
      this.state[rid] = state;
      this.recipients[rid] = recipients;
      this.credits[rid] = credits;
      this.subjectText[rid] = subject;
      this.toText[rid] = to;
      this.ccText[rid] = cc;
      this.partyKey[rid] = party;
      this.userKey[rid] = user;
      this.typeKey[rid] = type;
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
   * The rowids from `first` to `last` whose subject, addresses or copies is one of the kept texts
   * marked in `texts` (by number): a search's matches, found in one pass however many they are.
   */
  holding(texts: Uint8Array, first: number, last: number): Matches {
    const matches = emptyMatches(first, last);
    const end = Math.min(last, this.at.length - 1);
    for (let rid = Math.max(first, 0); rid <= end; rid++)
      if (texts[this.subjectText[rid]!] || texts[this.toText[rid]!] || texts[this.ccText[rid]!])
        matches.marks[rid - first] = 1;
    return matches;
  }

  /**
   * The matches the filter keeps: their counts per UTC hour, and the rowids of the `wanted` newest
   * with every match as new as the last of them (equal times are ordered by id, which only the rows
   * hold), all of them if fewer.
   */
  summarize(
    { first: from, marks }: Matches,
    filter: FactsFilter,
    wanted: number,
  ): { counts: CountedHours; newest: number[] } {
    const [since, until] = [filter.window.since.getTime(), filter.window.until.getTime()];
    // Per hour of the window from its first whole hour: messages, sent, bounced, failed.
    const first = since - (since % SEARCH_FACT_HOUR);
    const perHour = new Int32Array((Math.ceil((until - first) / SEARCH_FACT_HOUR) + 1) * 4);
    const end = Math.min(from + marks.length, this.at.length);
    let [recipients, credits] = [0, 0];
    for (let rid = Math.max(from, 0); rid < end; rid++) {
      if (!marks[rid - from] || !this.keeps(rid, filter, since, until)) continue;
      const slot = Math.floor((this.at[rid]! - first) / SEARCH_FACT_HOUR) * 4;
      perHour[slot]! += 1;
      const s = this.state[rid]!;
      if (s <= FAILED) perHour[slot + 1 + s]! += 1;
      recipients += this.recipients[rid]!;
      credits += this.credits[rid]!;
    }
    const hours: HourCounts[] = [];
    // The newest hours that hold the wanted matches: only their matches can be on the page.
    let [newestHours, seen] = [-Infinity, 0];
    for (let slot = perHour.length - 4; slot >= 0; slot -= 4) {
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
      if (seen < wanted && (seen += messages) >= wanted) newestHours = start;
    }
    const newest: number[] = [];
    for (let rid = Math.max(from, 0); rid < end; rid++)
      if (marks[rid - from] && this.keeps(rid, filter, Math.max(since, newestHours), until)) newest.push(rid);
    return { counts: { hours: hours.reverse(), recipients, credits }, newest: this.newestOf(newest, wanted) };
  }

  /** The `wanted` newest of `rids`, with every one as new as the last of them (equal times kept). */
  private newestOf(rids: number[], wanted: number): number[] {
    if (rids.length <= wanted) return rids;
    const oldestWanted = Float64Array.from(rids, (rid) => this.at[rid]!).sort()[rids.length - wanted]!;
    return rids.filter((rid) => this.at[rid]! >= oldestWanted);
  }

  /**
   * Whether the filter keeps a message created from `since` until before `until`. A match committed after the columns
   * were brought up to date is beyond them or not yet filled (state -1): left for the next report, as
   * its row is.
   */
  private keeps(rid: number, { state, party, user, type }: FactsFilter, since: number, until: number): boolean {
    if (rid >= this.at.length) return false;
    const [at, s] = [this.at[rid]!, this.state[rid]!];
    return (
      s >= 0 &&
      at >= since &&
      at < until &&
      (state === null || s === state) &&
      (party === null || this.partyKey[rid] === party) &&
      (user === null || this.userKey[rid] === user) &&
      (type === null || this.typeKey[rid] === type)
    );
  }

  private fit(rid: number) {
    if (rid < this.at.length) return;
    const size = Math.max(1024, rid + 1, this.at.length * 2);
    const grow = <T extends Float64Array | Int8Array | Int32Array | Uint32Array>(old: T, made: T) => {
      made.set(old);
      return made;
    };
    this.at = grow(this.at, new Float64Array(size));
    this.state = grow(this.state, new Int8Array(size).fill(-1));
    this.recipients = grow(this.recipients, new Int32Array(size));
    this.credits = grow(this.credits, new Int32Array(size));
    this.subjectText = grow(this.subjectText, new Uint32Array(size));
    this.toText = grow(this.toText, new Uint32Array(size));
    this.ccText = grow(this.ccText, new Uint32Array(size));
    this.partyKey = grow(this.partyKey, new Uint32Array(size));
    this.userKey = grow(this.userKey, new Uint32Array(size));
    this.typeKey = grow(this.typeKey, new Uint32Array(size));
  }

  private reset() {
    this.at = new Float64Array(0);
    this.state = new Int8Array(0);
    this.recipients = new Int32Array(0);
    this.credits = new Int32Array(0);
    this.subjectText = new Uint32Array(0);
    this.toText = new Uint32Array(0);
    this.ccText = new Uint32Array(0);
    this.partyKey = new Uint32Array(0);
    this.userKey = new Uint32Array(0);
    this.typeKey = new Uint32Array(0);
    this.version = 0;
    this.filled = false;
  }
}
