import type { ParseKeys } from 'i18next';

/** A key of the interface text (`nav.cards`, plural forms without their suffix): checked by the compiler. */
export type TextKey = ParseKeys;
