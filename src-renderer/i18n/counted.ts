import type { TFunction } from 'i18next';

/** Nouns counted in running text; each has its plural forms under `counts` (six in Arabic). */
export type CountedNoun =
  'messages' | 'addresses' | 'credits' | 'characters' | 'decimals' | 'packs' | 'recipients' | 'minutes';

/**
 * A number with its noun, agreeing ("رسالتان", "٣ رسائل", "١١ رسالة"): put into a longer text
 * as a value, since a text can pluralise only one count of its own.
 */
export const counted = (t: TFunction, noun: CountedNoun, count: number): string => t(`counts.${noun}`, { count });
