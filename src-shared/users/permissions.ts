import type { CallName } from '../api/contract';

export const PERMISSIONS = [
  'send_email',
  'send_bulk',
  'buy_credits',
  'view_mail_report',
  'edit_company',
  'manage_users',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * The permission (or permissions, all of them) each guarded call needs. The core refuses
 * a call whose permission the signed-in user lacks (forbidden), whatever the window shows;
 * calls not listed need only a signed-in user.
 */
export const CALL_PERMISSION: Partial<Record<CallName, Permission | readonly Permission[]>> = {
  'mail.prepare': 'send_email',
  'mail.send': 'send_email',
  'mail.retry': 'send_email',
  'mail.cancel': 'send_email',
  'mail.resume': 'send_email',
  'bulk.preview': 'send_bulk',
  'bulk.start': 'send_bulk',
  'bulk.testSend': 'send_bulk',
  'bulk.pause': 'send_bulk',
  'bulk.resume': 'send_bulk',
  'bulk.cancel': 'send_bulk',
  'credits.createOrder': 'buy_credits',
  'credits.join': 'buy_credits',
  'credits.accountKey': 'buy_credits',
  'mail.outbox': 'view_mail_report',
  'mailReport.query': 'view_mail_report',
  'mailReport.detail': 'view_mail_report',
  'mailReport.csv': 'view_mail_report',
  'mailReport.choices': 'view_mail_report',
  'mailReport.attachment': 'view_mail_report',
  // Sending again is sending, of a message only the report shows.
  'mailReport.resend': ['send_email', 'view_mail_report'],
  'company.save': 'edit_company',
  'mailbox.get': 'edit_company',
  'mailbox.save': 'edit_company',
  'mailbox.testConnection': 'edit_company',
  'mailbox.sendTest': 'edit_company',
  'mail.saveTemplates': 'edit_company',
  'users.list': 'manage_users',
  'users.save': 'manage_users',
  'users.delete': 'manage_users',
};

/** Calls that answer before anyone has signed in. */
export const OPEN_CALLS: readonly CallName[] = ['app.info', 'settings.get', 'users.status', 'users.login'];

/**
 * What a call needs beyond its name, once its input is read: printing the mail report
 * (print.pdf, print.html, print.send with a mailReport target) needs the report's permission.
 */
export function inputPermission(name: CallName, input: unknown): Permission | undefined {
  if (!name.startsWith('print.')) return undefined;
  const target = (input as { target?: { kind?: unknown } } | null)?.target;
  return target?.kind === 'mailReport' ? 'view_mail_report' : undefined;
}
