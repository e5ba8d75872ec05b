import { moveBookToOffice } from '../book/move-to-office';
import { openBook } from '../book/open-book';
import { fillDemoBook, type DemoOptions } from '../demo/demo-data';
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
    await moveBookToOffice(filled, book, t.dataFolder);
  } finally {
    await filled.close();
  }
}
