/** How a desktop reaches the office's PostgreSQL book. The password is read from the secret store, never kept here. */
export interface OfficeConnection {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  /** TLS to the server: its CA, and a client certificate where the server asks for one. */
  tls?: { ca?: string; cert?: string; key?: string } | null;
  /**
   * The book's owner, to create or update its tables and give the desktops' role its rights: typed
   * for this one opening (the first desktop, or when Daftar updates), never saved.
   */
  owner?: { user: string; password: string } | null;
}
