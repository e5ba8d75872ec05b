import type { z } from 'zod';
import type { Contract } from '../src-shared/api/contract';
import type { CallDef } from '../src-shared/api/define';
import type { Book } from './book/book';
import type { GrantCheck } from './credits/grant-check';
import type { EventBus } from './events';
import type { Logger } from './log';
import type { Ports } from './ports';
import type { Reads } from './reads/reads';

/** What every handler may use. Built once by the core. */
export interface Services {
  book: Book;
  ports: Ports;
  events: EventBus;
  log: Logger;
  config: CoreConfig;
  /** Which credit grants in the book count (checked against the licensing server's key). */
  grants: GrantCheck;
  /** The heavy reads, off the main thread where the book is a file. */
  reads: Reads;
}

export interface CoreConfig {
  version: string;
  dataFolder: string;
  host: 'electron' | 'node';
  /** Fonts and other files shipped with the app (resources/). */
  resourcesDir: string;
  /** Extra trusted CA certificates (PEM) for the SMTP server, e.g. an office's own CA. */
  smtpCa: string[];
  /** SMTP timeouts in ms (connection, greeting, socket). */
  smtpTimeoutMs: number;
  /** DNS servers for the sender-domain check ("127.0.0.1:5353" in tests); empty: the system's. */
  dnsServers: string[];
  /** This run of this desktop, for what it claims in an office book (a message it is sending). */
  desktopId: string;
}

/** Per-call context: who is asking (checked by the core before any handler runs). */
export interface CallContext {
  userId: string | null;
}

/** The handlers of one domain of the contract, checked with `satisfies`. */
export type DomainHandlers<D extends Record<string, CallDef>> = {
  [K in keyof D]: (input: z.output<D[K]['input']>, ctx: CallContext) => Promise<z.input<D[K]['output']>>;
};

export type Handlers = DomainHandlers<Contract>;
