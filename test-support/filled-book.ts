import { moveBookToOffice } from '../src-main/office/move-to-office';
import { openOfficeBook } from '../src-main/office/office-book';
import { openBook } from '../src-main/book/open-book';
import { connectionOf } from './fresh-postgres';
import { fillDemoBook, type DemoOptions } from '../src-main/demo/demo-data';
import type { TestCore } from './test-core';

/**
 * Fills a test's fresh book with demo cards and vouchers. The fast filler writes SQLite files
 * only, so an office book is filled the way an office gets one: a book filled here, moved in.
 */
export async function fillTestBook(t: TestCore, options: DemoOptions): Promise<void> {
  const book = t.core.book;
  if (book.dialect === 'sqlite') {
    fillDemoBook(book, options);
    return;
  }
  const filled = await openBook({ file: ':memory:' });
  try {
    fillDemoBook(filled, options);
    // Moved in by the book's owner, as the first desktop does with the owner's password.
    const owner = await openOfficeBook(connectionOf(t.handUrl!));
    try {
      await moveBookToOffice(filled, owner, t.dataFolder);
    } finally {
      await owner.close();
    }
  } finally {
    await filled.close();
  }
}
