// Compile-time checks of the typed interface text, run by `npm run typecheck` (nothing here runs).
// Each @ts-expect-error must meet an error, or the typecheck fails: a key that is not in the
// dictionary (a typo, a key left behind by a rename) breaks the build instead of showing itself.
import type { TFunction } from 'i18next';

export function onlyKnownKeys(t: TFunction): string[] {
  return [
    t('common.loading'),
    t('cards.count', { count: 3 }), // a plural: the key without its suffix
    // @ts-expect-error a key that is not in the dictionary
    t('no.such.key'),
    // @ts-expect-error a group, not a text
    t('common'),
    // @ts-expect-error the old folder's name, not the dictionary's (reports.accountStatement)
    t('statements.accountStatement'),
  ];
}
