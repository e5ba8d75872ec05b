import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { CreditsStatus } from '../../src-shared/api/credits.api';
import { AppError } from '../../src-shared/errors';
import { readCompany } from '../company/company.repo';
import type { Services } from '../registry';
import { isDiskFull } from '../disk-full';
import * as repo from './credits.repo';
import { LicensingClient, LicensingUnavailable, type ServerOrder } from './licensing-client';
import { OFFLINE_STATUS, orderRefusal, pricingOf, toOrderRow } from './sync-answers';

import { ACCOUNT_KEY_KEY, DEVICE_TOKEN_KEY, INSTALL_ID_KEY } from '../secrets/secret-names';

export { ACCOUNT_KEY_KEY, DEVICE_TOKEN_KEY, INSTALL_ID_KEY };

export interface LicensingConfig {
  /** The licensing server; null: not configured, the app works on the credits it has. */
  url: string | null;
  publicKeyPem: string;
  /** Regular sync interval (default 5 minutes). */
  intervalMs?: number;
  timeoutMs?: number;
  /** Sync at start and on a timer (hosts); tests drive syncs by hand. */
  auto?: boolean;
}

/**
 * Keeps the local ledger in step with the licensing server: uploads spends (each id once),
 * takes new grants after checking their signatures, refreshes orders and prices. Runs at
 * start, every few minutes and on demand; after a failure it retries with growing,
 * jittered delays. It never throws into a caller: failures go into the status.
 */
export class LicensingSync {
  private running: Promise<CreditsStatus> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  /** The last failure, while it could not be written to the book. */
  private unrecorded: string | null = null;
  /** Not before this time (ms), as the server asked with a 429. */
  private notBefore = 0;
  private online: boolean | null = null;
  private rejectedGrants = 0;
  private stopped = false;
  readonly client: LicensingClient | null;

  constructor(
    private readonly services: Services,
    private readonly config: LicensingConfig,
  ) {
    this.client = config.url ? new LicensingClient(config.url.replace(/\/+$/, ''), config.timeoutMs ?? 10_000) : null;
  }

  start(): void {
    if (this.config.auto && this.client) this.schedule(0);
  }

  /** No more timers; a sync in flight is let finish (the book closes after it). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => {});
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.syncNow(), delayMs);
    this.timer.unref?.();
  }

  /** The delay before the next try: the interval when well, else 5 s doubling up to it, ±20 %. */
  nextDelay(): number {
    const interval = this.config.intervalMs ?? 5 * 60_000;
    const asked = Math.max(0, this.notBefore - Date.now());
    if (this.failures === 0) return Math.max(interval, asked);
    const base = Math.min(interval, 5_000 * 2 ** (this.failures - 1));
    return Math.max(Math.round(base * (0.8 + Math.random() * 0.4)), asked);
  }

  async status(): Promise<CreditsStatus> {
    const db = this.services.book.db;
    const state = await repo.readState(db);
    const ledger = await repo.ledgerBalance(db, this.services.grants);
    const unsynced = (await repo.unsyncedSpends(db)).reduce((sum, s) => sum + s.amount, 0);
    return {
      configured: this.client !== null,
      registered: state.device_id !== null,
      balance: ledger.grants === 0 && state.last_sync_at === null ? null : ledger.granted - ledger.spent,
      unsyncedSpends: unsynced,
      lastSyncAt: state.last_sync_at,
      online: this.online,
      lastError: ledger.badGrants > 0 ? 'bad_grant' : (this.unrecorded ?? state.last_error),
      pricing: pricingOf(state.pricing),
      rejectedGrants: this.rejectedGrants + ledger.badGrants,
    };
  }

  /** Sync now; a sync already running is joined, not doubled. */
  syncNow(): Promise<CreditsStatus> {
    this.running ??= this.runOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** This install's id, made once and kept in the secret store: the server gives the trial once per install. */
  private async installId(): Promise<string> {
    const { secrets } = this.services.ports;
    const existing = await secrets.get(INSTALL_ID_KEY);
    if (existing) return existing;
    const made = randomBytes(32).toString('base64url');
    await secrets.set(INSTALL_ID_KEY, made);
    return made;
  }

  /** Join the account whose key we kept; null when this server does not know it. */
  private async rejoin(accountKey: string) {
    try {
      return await this.client!.join(accountKey, hostname().slice(0, 100) || 'Daftar');
    } catch (error) {
      if (error instanceof LicensingUnavailable && error.code === 'unknown_account') return null;
      throw error;
    }
  }

  private async token(): Promise<string> {
    const { book, ports } = this.services;
    const state = await repo.readState(book.db);
    // The token and account key were issued by one server: another URL never sees them.
    const issuer = state.server_url === this.client!.baseUrl;
    if (!issuer && state.server_url)
      this.services.log.info('the licensing server changed: registering with the new one', {
        from: state.server_url,
        to: this.client!.baseUrl,
      });
    const existing = issuer ? await ports.secrets.get(DEVICE_TOKEN_KEY) : null;
    if (existing && state.device_id) return existing;
    // Known to an account already (its key kept): come back to it, never a new account and trial.
    const accountKey = issuer ? await ports.secrets.get(ACCOUNT_KEY_KEY) : null;
    const joined = accountKey ? await this.rejoin(accountKey) : null;
    if (joined) return this.remember(joined, accountKey!);
    const company = await readCompany(book.db);
    const registration = await this.client!.register(
      company.name_ar || company.name_en || 'Daftar',
      hostname().slice(0, 100) || 'Daftar',
      await this.installId(),
    );
    return this.remember(registration, registration.accountKey);
  }

  /** This desktop's place at the server: its token and account key in the secret store, its ids in the book. */
  private async remember(
    device: { accountId: string; deviceId: string; deviceToken: string },
    accountKey: string,
  ): Promise<string> {
    await this.services.ports.secrets.set(DEVICE_TOKEN_KEY, device.deviceToken);
    await this.services.ports.secrets.set(ACCOUNT_KEY_KEY, accountKey);
    await repo.writeState(this.services.book.db, {
      account_id: device.accountId,
      device_id: device.deviceId,
      server_url: this.client!.baseUrl,
    });
    return device.deviceToken;
  }

  private async runOnce(): Promise<CreditsStatus> {
    if (!this.client) return this.status();
    const { book, ports, events, log } = this.services;
    const db = book.db;
    const attemptAt = ports.clock.now().toISOString();
    try {
      const token = await this.token();
      const state = await repo.readState(db);
      const spends = await repo.unsyncedSpends(db);
      // The server hears only of spends the book will still have after a power cut.
      await book.flush();
      const answer = await this.client.sync(token, spends, await repo.lastGrantSeq(db, state.device_id!));
      const rejected = new Set(answer.rejected.map((r) => r.id));
      await db.transaction().execute(async (trx) => {
        for (const grant of answer.grants) {
          const ours = grant.accountId === state.account_id && grant.deviceId === state.device_id;
          if (!ours || !this.services.grants.verify(grant)) {
            this.rejectedGrants++;
            log.error('refused a licensing grant whose signature or owner did not verify', {
              id: grant.id,
              seq: grant.seq,
            });
            continue;
          }
          await repo.insertGrant(trx, {
            id: grant.id,
            account_id: grant.accountId,
            device_id: grant.deviceId,
            amount: grant.amount,
            reason: grant.reason,
            seq: grant.seq,
            created_at: grant.createdAt,
            signature: grant.signature,
            received_at: attemptAt,
          });
        }
        await repo.markSynced(
          trx,
          spends.map((s) => s.id).filter((id) => !rejected.has(id)),
          attemptAt,
        );
        await repo.replaceOrders(trx, answer.orders.map(toOrderRow));
        await repo.writeState(trx, {
          last_sync_at: attemptAt,
          last_attempt_at: attemptAt,
          last_error:
            answer.standing.state === 'out_of_sync'
              ? answer.standing.reason === 'bad_return'
                ? 'bad_return'
                : 'out_of_sync'
              : this.rejectedGrants > 0
                ? 'bad_grant'
                : rejected.size > 0
                  ? 'spend_conflict'
                  : null,
          server_account_balance: answer.accountBalance,
          pricing: JSON.stringify(answer.pricing),
        });
      });
      this.failures = 0;
      this.online = true;
      this.unrecorded = null;
    } catch (error) {
      this.failures++;
      this.online = false;
      if (error instanceof LicensingUnavailable && error.retryAfterSeconds)
        this.notBefore = Date.now() + error.retryAfterSeconds * 1000;
      const reason =
        error instanceof LicensingUnavailable ? error.reason : isDiskFull(error) ? 'disk_full' : 'internal';
      if (!(error instanceof LicensingUnavailable)) log.error('licensing sync failed', error);
      // Writing the failure down can fail too (the book busy, read-only or on a full disk):
      // it is logged and kept in memory for the status, never thrown.
      this.unrecorded = reason;
      await repo
        .writeState(db, { last_attempt_at: attemptAt, last_error: reason })
        .then(() => (this.unrecorded = null))
        .catch((e: unknown) => log.error('could not record the failed licensing sync', e));
    }
    // The next sync is planned whatever happened above, before anything else can throw.
    if (this.config.auto) this.schedule(this.nextDelay());
    try {
      const status = await this.status();
      events.emit('credits.changed', status);
      return status;
    } catch (error) {
      log.error('could not read the credits status after a sync', error);
      return { ...OFFLINE_STATUS, configured: true, rejectedGrants: this.rejectedGrants };
    }
  }

  async createOrder(
    packs: number,
    method: 'card' | 'paypal',
    createdBy = '',
  ): Promise<{ order: ServerOrder; checkoutUrl: string }> {
    if (!this.client) throw AppError.because('licensing_not_configured', 'No licensing server is configured');
    try {
      const created = await this.client.createOrder(await this.token(), packs, method);
      await repo.replaceOrders(this.services.book.db, [{ ...toOrderRow(created.order), created_by: createdBy }]);
      return created;
    } catch (error) {
      throw orderRefusal(error);
    }
  }

  async join(accountKey: string): Promise<CreditsStatus> {
    if (!this.client) throw AppError.because('licensing_not_configured', 'No licensing server is configured');
    const { book } = this.services;
    const ledger = await repo.ledgerBalance(book.db, this.services.grants);
    if (ledger.grants > 0) throw AppError.because('has_credits', 'This desktop already has credits of its own account');
    try {
      await this.remember(await this.client.join(accountKey, hostname().slice(0, 100) || 'Daftar'), accountKey);
    } catch (error) {
      if (error instanceof LicensingUnavailable) {
        if (error.reason === 'refused') throw AppError.invalidField('accountKey', 'unknown_account');
        throw AppError.because('licensing_unavailable', error.message, { why: error.reason });
      }
      throw error;
    }
    return this.syncNow();
  }
}
