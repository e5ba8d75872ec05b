import { renderToStaticMarkup } from 'react-dom/server';
import { expect, it } from 'vitest';
import { FileName } from './FileName';

it.each([
  ['فاتورة مبيعات 1042.pdf', '<bdi class="file-name">فاتورة مبيعات <bdi dir="ltr">1042.pdf</bdi></bdi>'],
  [
    'كشف حساب شركة النور 2026-01-01 2026-12-31.pdf',
    '<bdi class="file-name">كشف حساب شركة النور <bdi dir="ltr">2026-01-01 2026-12-31.pdf</bdi></bdi>',
  ],
  ['Sales invoice 7.pdf', '<bdi>Sales invoice 7.pdf</bdi>'],
  ['فاتورة.pdf', '<bdi>فاتورة.pdf</bdi>'],
])('keeps the Latin tail of %s in one left-to-right piece', (name, html) => {
  expect(renderToStaticMarkup(<FileName name={name} />)).toBe(html);
});
