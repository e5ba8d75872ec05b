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
  let refusal: string | null = null;
  try {
    await create(client, path, !named);
  } catch (error) {
    const e = error as { responseText?: string; message?: string };
    refusal = e.responseText ?? e.message ?? null;
  }
  // Listed again whatever CREATE answered: another desktop of the office may have made it meanwhile,
  // and a server that names folders under a prefix ("INBOX.Sent") lists it so.
  const made = (await findSentFolder(client, named)) ?? (await client.list()).find((f) => f.name === path)?.path;
  if (!made) throw new NoSentFolder(named, refusal);
  return made;
}

/** CREATE, marked \Sent where the server offers RFC 6154's CREATE-SPECIAL-USE; a plain CREATE where that is refused. */
async function create(client: ImapFlow, path: string, markSent: boolean): Promise<void> {
  if (markSent && client.capabilities.has('CREATE-SPECIAL-USE')) {
    try {
      const response = await (client as unknown as RawCommands).exec('CREATE', [
        { type: 'ATOM', value: path },
        [{ type: 'ATOM', value: 'USE' }, [{ type: 'ATOM', value: '\\Sent' }]],
      ]);
      response.next();
      return;
    } catch {
      // imapflow's own CREATE below adds the server's folder prefix, which the raw one does not.
    }
  }
  await client.mailboxCreate(path);
}
