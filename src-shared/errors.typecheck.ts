// Compile-time checks of the typed error reasons, run by `npm run typecheck` (nothing here runs).
// Each @ts-expect-error must meet an error, or the typecheck fails: renaming a reason, or
// raising one that is not declared, breaks the build instead of silently breaking the window.
import { AppError, type ErrorBody } from './errors';

export function raisesOnlyDeclaredReasons(): AppError[] {
  return [
    AppError.because('already_sent', 'sent before', { at: '2026-11-27T08:00:00Z' }),
    AppError.because('revision_changed', 'moved'),
    // @ts-expect-error a reason that is not declared
    AppError.because('alredy_sent', 'typo'),
    // @ts-expect-error a declared reason with the wrong payload
    AppError.because('already_sent', 'sent before', { when: '2026-11-27' }),
    // @ts-expect-error a reason whose payload is required
    AppError.because('stale_revision', 'changed'),
    // @ts-expect-error a reason is raised through AppError.because, which fixes its code
    new AppError('conflict', 'sent before', { reason: 'already_sent', at: '2026-11-27T08:00:00Z' }),
  ];
}

export function windowNarrowsOnReasons(error: ErrorBody): string | number | null {
  if (error.details.reason === 'already_sent') return error.details.at;
  if (error.details.reason === 'stale_revision') return error.details.revision;
  // @ts-expect-error a reason the core never gives cannot be compared against
  if (error.details.reason === 'alredy_sent') return 'never';
  // @ts-expect-error the payload of another reason is not there
  if (error.details.reason === 'locked') return error.details.at;
  return null;
}
