import type { ImapFlow } from 'imapflow';
import { findSentFolder } from './imap-account';

/** The Sent folder could not be found or made: Sent copies wait, and the window says why. */
export class NoSentFolder extends Error {
  constructor(
    readonly folder: string,
    readonly reply: string | null,
  ) {
    super(
      `no Sent folder${folder ? ` named ${folder}` : ''}, and the server did not create one${reply ? `: ${reply}` : ''}`,
    );
  }
}

/** What imapflow runs underneath, for the one command it has no method for (CREATE with a special use). */
interface RawCommands {
  exec(command: string, attributes: unknown[]): Promise<{ next(): void }>;
}

/**
 * The folder Sent copies go to; made when the mailbox has none (a fresh Dovecot, many hosting
 * mailboxes that make folders on first use): the folder named in the settings, else "Sent", marked
 * \Sent where the server offers RFC 6154's CREATE-SPECIAL-USE. Throws NoSentFolder when refused.
 */
export async function ensureSentFolder(client: ImapFlow, named: string): Promise<string> {
  const found = await findSentFolder(client, named);
  if (found) return found;
  const path = named || 'Sent';
  try {
    if (!named && client.capabilities.has('CREATE-SPECIAL-USE')) {
      const response = await (client as unknown as RawCommands).exec('CREATE', [
        { type: 'ATOM', value: path },
        [{ type: 'ATOM', value: 'USE' }, [{ type: 'ATOM', value: '\\Sent' }]],
      ]);
      response.next();
    } else await client.mailboxCreate(path);
  } catch (error) {
    const e = error as { responseText?: string; message?: string };
    throw new NoSentFolder(named, e.responseText ?? e.message ?? null);
  }
  // A server that names folders under a prefix ("INBOX.Sent") lists it so: answer the listed path.
  const listed = (await client.list()).find((f) => f.path === path || f.name === path);
  if (!listed) throw new NoSentFolder(named, null);
  return listed.path;
}
