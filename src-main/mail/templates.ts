import { z } from 'zod';
import { mailTemplate, templateKinds, type MailTemplates } from '../../src-shared/api/mail.api';
import type { Book } from '../book/book';
import { readSettings, writeSettings } from '../settings/settings.repo';
import { DEFAULT_TEMPLATES } from './compose';

const KEY = 'mail.templates';
const storedTemplates = z.partialRecord(templateKinds, z.object({ ar: mailTemplate, en: mailTemplate }));

/** The saved templates over the defaults, so a new document type always has one. */
export async function loadTemplates(book: Book): Promise<MailTemplates> {
  const stored = storedTemplates.safeParse((await readSettings(book.db))[KEY]);
  return { ...DEFAULT_TEMPLATES, ...(stored.success ? stored.data : {}) } as MailTemplates;
}

export async function saveTemplates(book: Book, templates: MailTemplates): Promise<MailTemplates> {
  await writeSettings(book.db, { [KEY]: templates });
  return loadTemplates(book);
}
