import type { Services } from '../registry';
import { takeDailyBackup } from './backups';

const HOUR = 3_600_000;

/** Takes the day's backup at start and checks again every hour, so a book open for days still gets one a day. */
export class BackupSchedule {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(private readonly services: Services) {}

  start(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), HOUR);
    this.timer.unref?.();
  }

  private tick(): void {
    if (this.running) return;
    const { book, ports, log } = this.services;
    this.running = takeDailyBackup(book, ports.clock.now(), (space) =>
      log.error('no daily backup today: the disk is nearly full', space),
    )
      .then((file) => file && log.info('daily backup written', { file }))
      .catch((error: unknown) => log.error('the daily backup failed', error))
      .finally(() => (this.running = null));
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
