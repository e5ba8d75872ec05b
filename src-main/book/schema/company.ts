/** One row (id = 1): the company printed on every document. */
export interface CompanyTable {
  id: number;
  name_ar: string;
  name_en: string;
  address: string;
  phone: string;
  tax_number: string;
  /** data: URL of a PNG or JPEG, or null. */
  logo: string | null;
  default_currency: string;
  updated_at: string;
}

/** One row (id = 1): the sender mailbox. The password is in the secret store, never here. */
export interface MailboxTable {
  id: number;
  display_name: string;
  address: string;
  reply_to: string;
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  username: string;
  updated_at: string;
}
