import { AppError } from '../../src-shared/errors';
import type { Permission } from '../../src-shared/users/permissions';

/** A function's refusal (its hint names Daftar's reason) as the AppError the window knows; anything else as it came. */
export function refusedByBook(error: unknown): unknown {
  const e = (error ?? {}) as { code?: string; hint?: string; detail?: string; message?: string };
  if (e.code !== '42501') return error;
  const message = e.message ?? 'Refused by the office book';
  if (e.hint === 'login_required') return AppError.because('login_required', message, { call: 'office book' });
  if (e.hint === 'permission')
    return AppError.because('permission', message, { permission: e.detail as Permission, call: 'office book' });
  if (e.hint === 'admin_only' || e.hint === 'admin_kept' || e.hint === 'admin_password_first')
    return AppError.because(e.hint, message);
  return error;
}
