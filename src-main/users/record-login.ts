import { RecordSignIn } from '../office/record-sign-in';
import type { Services } from '../registry';
import type { Session } from './session';
import { toUser } from './users.handlers';
import * as usersRepo from './users.repo';

/** users.login on a record (a file whose book moved): the same rules, the wrong tries counted in memory, nothing written. */
export function recordLogin(services: Services, session: Session, wrongPasswordDelayMs?: number) {
  const signIn = new RecordSignIn({ now: () => services.ports.clock.now(), wrongPasswordDelayMs });
  const db = services.book.db;
  return async ({ name, password }: { name: string; password: string }) => {
    const row = await signIn.check(
      {
        byName: async (n) => {
          const row = await usersRepo.findByName(db, n);
          return row && { ...row, password_hash: await usersRepo.passwordHashOf(db, row.id) };
        },
        anyPassword: () => usersRepo.anyPassword(db),
      },
      name,
      password,
    );
    session.set(row.id);
    return toUser(row);
  };
}
