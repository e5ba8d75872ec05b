import type { z } from 'zod';
import { accessOf } from '../src-shared/api/access';
import { contract, isCallName } from '../src-shared/api/contract';
import { fieldProblemsFromZod } from '../src-shared/api/field-problems';
import { AppError, type Envelope } from '../src-shared/errors';
import type { Book } from './book/book';
import { isDiskFull } from './disk-full';
import type { Logger } from './log';
import { heldWriteProblem } from './office/hold-writes';
import type { CallContext, Handlers } from './registry';
import type { Session } from './users/session';

/**
 * The core's one door: who may call, the input checked against the contract, the handler, the
 * output cut to the contract, and every failure turned into an envelope the window can say in the
 * user's words. Never throws.
 */
export function callDispatcher(handlers: Handlers, session: Session, book: Book, log: Logger) {
  return async function call(name: string, input: unknown): Promise<Envelope<unknown>> {
    try {
      if (!isCallName(name)) throw new AppError('unknown_call', `No call named ${name}`, { name });
      // Who may do this, as its contract entry says: checked here for every call, before the input is read.
      const access = accessOf(name);
      const user = access.beforeSignIn ? await session.current() : await session.require(access.permissions, name);
      const def = contract[name];
      const parsed = def.input.safeParse(input ?? {});
      if (!parsed.success) {
        const fields = fieldProblemsFromZod(parsed.error);
        throw new AppError(
          'invalid_input',
          `Invalid input for ${name}: ${fields.map((f) => `${f.path} ${f.reason}`).join(', ')}`,
          { fields },
        );
      }
      // Some calls need more for some inputs (printing the mail report): known once the input is read.
      const byInput = accessOf(name, parsed.data).permissions.filter((p) => !access.permissions.includes(p));
      if (byInput.length) await session.require(byInput, name);
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => Promise<unknown>;
      const value = await handler(parsed.data, { userId: user?.id ?? null });
      // What the call changed is on disk before the window is told it is done.
      await book.flush();
      // The output schema is the promise made to the renderer: anything not in it (a password) is dropped.
      return { ok: true, value: (def.output as z.ZodType).parse(value) };
    } catch (error) {
      await book.flush().catch(() => {});
      return { ok: false, error: failure(name, error, book, log).toBody() };
    }
  };
}

/** A call's failure as the window is told it. */
function failure(name: string, error: unknown, book: Book, log: Logger): AppError {
  if (error instanceof AppError) return error;
  // A save while the book is copied to the office server: refused whole, and said why.
  const held = heldWriteProblem(book, error);
  if (held) return held;
  // The office server away (switched off, the network down): the user hears so, and its transaction never committed.
  const away = book.problemOf(error);
  if (away) {
    log.info(`call ${name}: the office server could not be reached`, { error: away.message });
    return away;
  }
  if (isDiskFull(error)) {
    log.error(`call ${name}: the disk is full`, error);
    return AppError.because('disk_full', 'The disk is full: nothing was saved. Free some space and try again.');
  }
  log.error(`call ${name} failed`, error);
  return new AppError('internal', 'Something went wrong inside Daftar; the details are in its log.', {});
}
