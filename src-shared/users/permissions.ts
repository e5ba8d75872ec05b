/** Every permission a user can be given; the administrator holds them all. */
export const PERMISSIONS = [
  'edit_cards',
  'edit_vouchers',
  'send_email',
  'send_bulk',
  'buy_credits',
  'view_mail_report',
  'edit_company',
  'manage_users',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
