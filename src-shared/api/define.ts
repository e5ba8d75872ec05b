import type { z } from 'zod';
import type { Permission } from '../users/permissions';

/**
 * Who may make a call: `'anyone'` answers before sign-in (the sign-in screen needs it),
 * `'signed-in'` any signed-in user, else the permission, or every permission of a list.
 */
export type Access = 'anyone' | 'signed-in' | Permission | readonly Permission[];

/** A permission a call needs for some inputs only (printing the mail report needs the report's). */
export interface InputPermission<I> {
  permission: Permission;
  /** When it applies, in words for docs/API.md. */
  when: string;
  applies(input: I): boolean;
}

/** A call of the contract: who may make it, its input and output schemas and a one-line summary for docs/API.md. */
export interface CallDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  summary: string;
  /** Required: a call that does not say who may make it does not compile. */
  permission: Access;
  inputPermission?: InputPermission<z.output<I>>;
  input: I;
  output: O;
}

/** A pushed event of the contract: its payload schema and a summary. */
export interface EventDef<P extends z.ZodType = z.ZodType> {
  summary: string;
  payload: P;
}

export const defineCall = <I extends z.ZodType, O extends z.ZodType>(def: CallDef<I, O>): CallDef<I, O> => def;
export const defineEvent = <P extends z.ZodType>(def: EventDef<P>): EventDef<P> => def;
