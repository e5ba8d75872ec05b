import { describe, expect, it } from 'vitest';
import { composeBody, fill, headerSafe, safeFileName } from './compose';

describe('composing a message', () => {
  it('fills the template placeholders', () => {
    expect(
      fill('{document} رقم {number} من {company} إلى {party} بتاريخ {date} بقيمة {amount}', {
        company: 'دفتر',
        document: 'فاتورة مبيعات',
        number: '١٠٤٢',
        date: '١٥/٠٣/٢٠٢٦',
        amount: '٥٤٠٫٥٦ ILS',
        party: 'النور',
      }),
    ).toBe('فاتورة مبيعات رقم ١٠٤٢ من دفتر إلى النور بتاريخ ١٥/٠٣/٢٠٢٦ بقيمة ٥٤٠٫٥٦ ILS');
  });

  it('keeps every header on one line: CR, LF, U+2028/2029 and controls become spaces', () => {
    expect(headerSafe('فاتورة\r\nBcc: evil@x.ps\u2028X-Injected: 1\u0000end')).toBe(
      'فاتورة Bcc: evil@x.ps X-Injected: 1 end',
    );
  });

  it('puts the note on top, escaped, never as markup, with the body right to left in Arabic', () => {
    const { text, html } = composeBody('<script>alert(1)</script>\nشكرًا', 'نص الرسالة', 'ar');
    expect(text).toBe('<script>alert(1)</script>\nشكرًا\n\nنص الرسالة');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;<br>شكرًا');
    expect(html).not.toContain('<script>');
    expect(html).toContain('dir="rtl"');
    expect(html.indexOf('شكرًا')).toBeLessThan(html.indexOf('نص الرسالة'));
  });

  it('sanitises attachment names: no paths, no controls, not too long', () => {
    expect(safeFileName('فاتورة مبيعات 1042.pdf')).toBe('فاتورة مبيعات 1042.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('etc-passwd.pdf');
    expect(safeFileName('a\r\nb\u2028c.pdf')).toBe('a b c.pdf');
    expect(safeFileName('x'.repeat(300)).length).toBe(124);
    expect(safeFileName('...')).toBe('document.pdf');
  });
});
