import type SQLite from 'better-sqlite3';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * Makes the book's last commits durable without stopping the event loop.
 *
 * The book runs in WAL mode with synchronous=NORMAL: a commit is written to the -wal file but not
 * flushed, so a power cut may lose the last commits (never part of one, and never one without
 * those before it: the book stays whole). Whoever is about to answer for a change (the window
 * after a call, the outbox after a send) waits on flush(), which flushes the -wal file from
 * libuv's thread pool. synchronous=FULL flushed inside every commit, on the main thread, where
 * each flush held up printing and sending (a few ms, and over 100 ms on a busy disk).
 */
export class WalFlusher {
  private handle: FileHandle | null = null;
  /** The connection's change count at the last flush (-1: none yet). */
  private flushedAt = -1;
  private flushing: Promise<void> | null = null;
  private readonly changes: SQLite.Statement;
  /** Flushes done, for tests and benchmarks. */
  flushes = 0;

  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly walFile: string,
  ) {
    this.changes = sqlite.prepare('select total_changes()').pluck();
  }

  /** Resolves once every commit made before the call is on disk. */
  async flush(): Promise<void> {
    // A flush already under way may have started before these commits: let it end, then see.
    if (this.flushing) await this.flushing;
    const changes = this.changes.get() as number;
    if (changes === this.flushedAt) return;
    // Joined only if it started after the commits above (another caller, just now).
    this.flushing ??= this.sync(
      // Rows changed inside a transaction still open are not committed: this flush cannot count them.
      this.sqlite.inTransaction ? -1 : changes,
    ).finally(() => (this.flushing = null));
    await this.flushing;
  }

  private async sync(covers: number): Promise<void> {
    try {
      // Opened for writing: Windows flushes only a handle that may write.
      this.handle ??= await open(this.walFile, 'r+');
    } catch (error) {
      // No -wal file: nothing was written since the book was opened, so nothing waits for the disk.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.flushedAt = covers;
      return;
    }
    await this.handle.sync();
    this.flushes++;
    this.flushedAt = covers;
  }

  async close(): Promise<void> {
    await this.flushing?.catch(() => {});
    await this.handle?.close();
    this.handle = null;
  }
}
