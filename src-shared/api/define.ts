import type { z } from 'zod';

/** A call of the contract: its input and output schemas and a one-line summary for docs/API.md. */
export interface CallDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  summary: string;
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
