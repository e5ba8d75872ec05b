import { z } from 'zod';
import { defineCall, defineEvent } from './define';
import { id, isoTime, line, multiline, requiredLine } from './fields';

export const partyKind = z.enum(['customer', 'supplier', 'employee']);
export type PartyKind = z.infer<typeof partyKind>;

const partyFields = {
  code: requiredLine(20),
  name: requiredLine(200),
  phone: line(60),
  address: multiline(500),
  /** Customers and suppliers only; empty for employees. */
  taxNumber: line(40),
  /** Employees only; empty for customers and suppliers. */
  jobTitle: line(100),
  notes: multiline(2000),
  /** Several addresses separated by commas (`;`, spaces and new lines accepted on input). */
  emails: z.string().max(4000),
};

export const party = z.object({
  id,
  kind: partyKind,
  ...partyFields,
  archived: z.boolean(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type Party = z.infer<typeof party>;

export const partySaveInput = z
  .object({
    /** Absent to create a card, present to edit one. */
    id: id.optional(),
    kind: partyKind,
    ...partyFields,
  })
  .strict();
export type PartySaveInput = z.infer<typeof partySaveInput>;

export const partiesApi = {
  'parties.list': defineCall({
    permission: 'signed-in',
    summary: 'Cards of one kind, searched by code, name, phone or email (Arabic and Latin).',
    input: z
      .object({
        kind: partyKind,
        search: z.string().max(200).default(''),
        includeArchived: z.boolean().default(false),
        limit: z.int().min(1).max(500).default(100),
        offset: z.int().min(0).default(0),
      })
      .strict(),
    output: z.object({ items: z.array(party), total: z.int() }),
  }),
  'parties.get': defineCall({
    permission: 'signed-in',
    summary: 'One card by id.',
    input: z.object({ id }).strict(),
    output: party,
  }),
  'parties.bouncing': defineCall({
    permission: 'signed-in',
    summary:
      "The card's addresses that bounce: the latest bounce of each (status, the server's words, when), until a later message to it is delivered without one.",
    input: z.object({ id }).strict(),
    output: z.array(z.object({ address: z.string(), status: z.string(), diagnostic: z.string(), at: z.string() })),
  }),
  'parties.suggestCode': defineCall({
    permission: 'edit_cards',
    summary: 'The next free code for a new card of this kind.',
    input: z.object({ kind: partyKind }).strict(),
    output: z.object({ code: z.string() }),
  }),
  'parties.save': defineCall({
    permission: 'edit_cards',
    summary: 'Create (no id) or edit a card. Emails are validated one by one; duplicates dropped.',
    input: partySaveInput,
    output: party,
  }),
  'parties.delete': defineCall({
    permission: 'edit_cards',
    summary: 'Delete a card no voucher uses; a card in use is refused (conflict) and can be archived instead.',
    input: z.object({ id }).strict(),
    output: z.object({ id }),
  }),
  'parties.setArchived': defineCall({
    permission: 'edit_cards',
    summary: 'Archive a card (hidden from lists and new documents, kept for old ones) or bring it back.',
    input: z.object({ id, archived: z.boolean() }).strict(),
    output: party,
  }),
};

export const partiesEvents = {
  'parties.changed': defineEvent({
    summary: 'A card was created, edited, archived or restored.',
    payload: z.object({ id, kind: partyKind }),
  }),
};
