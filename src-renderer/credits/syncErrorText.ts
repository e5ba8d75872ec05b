import type { TFunction } from 'i18next';
import type { Resources } from '../i18n/en';

type SyncErrorCode = keyof Resources['credits']['errors'];

/** Sync problems that need the user (or support), not just time: shown as errors, the rest as notes. */
export const isSeriousSyncError = (code: string) => ['bad_grant', 'out_of_sync', 'bad_return'].includes(code);

/**
 * The last sync's problem in words. The contract sends it as a plain string (`credits.status`'s
 * `lastError`); each code the core writes has its text under `credits.errors`.
 */
export const syncErrorText = (t: TFunction, code: string): string => t(`credits.errors.${code as SyncErrorCode}`);
