/** The fields a saved password or sign-in was given for: where it goes, how, and as whom. */
export interface ServerFields {
  host: string;
  port: number;
  security: 'none' | 'starttls' | 'tls';
  username: string;
}

/**
 * Whether a form still names the server a secret was saved for. A saved password (or an OAuth2
 * token) is sent only there: anyone allowed to edit the mailbox could otherwise point it at their
 * own server and be handed the office's password. The core enforces it; the form says it.
 */
export const sameServer = (a: ServerFields, b: ServerFields) =>
  a.host.trim().toLowerCase() === b.host.trim().toLowerCase() &&
  a.port === b.port &&
  a.security === b.security &&
  a.username.trim() === b.username.trim();
