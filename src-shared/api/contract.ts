import type { z } from 'zod';
import { appApi } from './app.api';
import { bookApi, bookEvents } from './book.api';
import { bulkApi, bulkEvents } from './bulk.api';
import { companyApi } from './company.api';
import { creditsApi, creditsEvents } from './credits.api';
import type { CallDef, EventDef } from './define';
import { mailApi, mailEvents } from './mail.api';
import { mailboxApi } from './mailbox.api';
import { partiesApi, partiesEvents } from './parties.api';
import { printApi } from './print.api';
import { mailReportApi } from './mail-report.api';
import { statementsApi } from './statements.api';
import { settingsApi, settingsEvents } from './settings.api';
import { usersApi } from './users.api';
import { vouchersApi, vouchersEvents } from './vouchers.api';

/** Every call the renderer can make, by name (domain.verb). */
export const contract = {
  ...appApi,
  ...settingsApi,
  ...partiesApi,
  ...companyApi,
  ...mailboxApi,
  ...vouchersApi,
  ...statementsApi,
  ...printApi,
  ...creditsApi,
  ...mailApi,
  ...bulkApi,
  ...usersApi,
  ...mailReportApi,
  ...bookApi,
} satisfies Record<string, CallDef>;

/** Every event the core pushes to the renderer. */
export const events = {
  ...settingsEvents,
  ...partiesEvents,
  ...vouchersEvents,
  ...creditsEvents,
  ...mailEvents,
  ...bulkEvents,
  ...bookEvents,
} satisfies Record<string, EventDef>;

export type Contract = typeof contract;
export type CallName = keyof Contract;
/** What the caller passes (defaults not yet applied). */
export type CallInput<K extends CallName> = z.input<Contract[K]['input']>;
/** What a handler receives (after validation and defaults). */
export type ParsedInput<K extends CallName> = z.output<Contract[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Contract[K]['output']>;

export type EventName = keyof typeof events;
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]['payload']>;

export const isCallName = (name: string): name is CallName => Object.hasOwn(contract, name);
export const isEventName = (name: string): name is EventName => Object.hasOwn(events, name);
