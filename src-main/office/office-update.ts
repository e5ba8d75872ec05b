import type { SecretStore } from '../ports';
import { AppError } from '../../src-shared/errors';
import { locatedBook } from './book-location';
import { openOfficeBook } from './office-book';
import { officeProblem } from './office-problem';

/**
 * With the owner's name and password, typed for this once: open the office book this desktop is set
 * up for as its owner (the migrations a new Daftar brings run, and this desktop's database user is
 * given a desktop's rights), then close it. Nothing of the owner's is kept.
 */
export async function updateOfficeAsOwner(
  dataFolder: string,
  desktopSecrets: SecretStore,
  owner: { ownerUser: string; ownerPassword: string },
): Promise<void> {
  const { office } = await locatedBook(dataFolder, desktopSecrets);
  if (!office) throw AppError.because('not_office_book', 'This desktop works on a book on this computer');
  const connection = { ...office, owner: { user: owner.ownerUser, password: owner.ownerPassword } };
  const book = await openOfficeBook(connection).catch((error: unknown) => {
    throw officeProblem(error, { ...office, user: owner.ownerUser }) ?? error;
  });
  await book.close();
}
