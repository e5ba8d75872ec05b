import { programProperties, type ProgramProperties } from '../../src-shared/api/settings.api';
import type { Services } from '../registry';
import { readSettings } from './settings.repo';

export const DEFAULT_PROPERTIES: ProgramProperties = {
  language: 'ar',
  showSaveOptions: false,
  confirmTotalAbove: 1_000_000,
};

/** Stored values over the defaults; a value a newer or broken write left unreadable falls back to its default. */
export async function loadProperties(services: Pick<Services, 'book'>): Promise<ProgramProperties> {
  const stored = await readSettings(services.book.db);
  const merged = { ...DEFAULT_PROPERTIES };
  for (const key of Object.keys(DEFAULT_PROPERTIES) as (keyof ProgramProperties)[]) {
    const parsed = programProperties.shape[key].safeParse(stored[key]);
    if (parsed.success) Object.assign(merged, { [key]: parsed.data });
  }
  return merged;
}
