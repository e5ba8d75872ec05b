import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { idOf, test } from '../../test-support/mail-sending';

// Sending a document from the dialog, with its templates; the outbox worker is in mail-worker.test.ts.
// Each test: a core that sends (the sending fixture) through the test's loopback SMTP server (smtp).

describe('sending a document', () => {
  test('prepares the dialog from the card, the template and the balance', async ({ sending: { t, target } }) => {
    const prepared = await t.ok('mail.prepare', { target: target() });
    expect(prepared).toMatchObject({
      to: ['a@alnoor.ps', 'b@alnoor.ps'],
      partyName: 'شركة النور للتجارة',
      language: 'ar',
      subject: 'فاتورة مبيعات رقم ١٠٤٢ من شركة دفتر للتجارة',
      fileName: 'فاتورة مبيعات 1042.pdf',
      balance: 5,
      alreadySent: [],
    });
    expect(prepared.bytes).toBeGreaterThan(1000);
  });

  test('reaches the server with To, CC, the Arabic subject, the escaped note on top and the printed PDF; one credit per recipient', async ({
    sending: { t, send, status, target },
    smtp,
  }) => {
    // CR/LF in a subject is refused outright; a line separator (U+2028) becomes a space.
    expect(await send({ subject: 'فاتورة\r\nBcc: evil@x.ps' })).toMatchObject({
      ok: false,
      error: { details: { fields: [{ path: 'subject', reason: 'invalid_format' }] } },
    });
    const answer = await send({
      note: '<script>alert(1)</script>\nشكرًا لتعاملكم',
      subject: 'فاتورة\u2028Bcc: evil@x.ps',
    });
    expect(answer).toMatchObject({ ok: true, value: { status: 'queued', cost: 3, balance: 2 } });
    await t.core.outbox.runOnce();
    const { mail, rcptTo } = await smtp.nextMessage();
    expect(rcptTo.sort()).toEqual(['a@alnoor.ps', 'archive@daftar.ps', 'b@alnoor.ps']);
    expect(mail.subject).toBe('فاتورة Bcc: evil@x.ps');
    expect(mail.headers.has('bcc')).toBe(false);
    expect(mail.from?.value[0]).toEqual({ name: 'شركة دفتر Bcc: evil@x.ps', address: 'office@daftar.ps' });
    expect(mail.text!.startsWith('<script>alert(1)</script>\nشكرًا لتعاملكم')).toBe(true);
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.html).not.toContain('<script>');
    const [attachment] = mail.attachments;
    expect(attachment!.filename).toBe('فاتورة مبيعات 1042.pdf');
    const printed = await t.ok('print.pdf', { target: target() });
    expect(createHash('sha256').update(attachment!.content).digest('hex')).toBe(printed.sha256);
    const dir = mkdtempSync(join(tmpdir(), 'daftar-mail-'));
    writeFileSync(join(dir, 'a.pdf'), attachment!.content);
    expect(execFileSync('pdftotext', [join(dir, 'a.pdf'), '-']).toString()).toContain('شركة النور للتجارة');
    const row = await status(idOf(answer));
    expect(row).toMatchObject({ status: 'sent', attempts: 1, credits: 3, pdfSha256: printed.sha256 });
    expect(mail.messageId).toBe(row.messageId);
  }, 30_000);

  test('refuses bad addresses by chip, and what the balance cannot cover, writing nothing', async ({
    sending: { t, send },
  }) => {
    const bad = await send({ to: ['a@alnoor.ps', 'x@nodot'], cc: ['ok@x.ps', 'bad@'] });
    expect(bad.ok ? null : bad.error.details.fields).toEqual([
      { path: 'to.1', reason: 'email_domain_no_dot', params: { address: 'x@nodot', position: 2 } },
      { path: 'cc.1', reason: 'email_domain_empty', params: { address: 'bad@', position: 2 } },
    ]);
    const tooMany = await send({ cc: ['c1@x.ps', 'c2@x.ps', 'c3@x.ps', 'c4@x.ps'] });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'no_credit', details: { needed: 6, balance: 5 } } });
    expect((await t.ok('mail.outbox', {})).total).toBe(0);
    expect((await t.ok('credits.status', {})).balance).toBe(5);
  });

  test('asks before sending the same revision to the same addresses again', async ({
    sending: { t, send, target },
  }) => {
    await send();
    const again = await send();
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason: 'already_sent' } } });
    expect((await t.ok('mail.prepare', { target: target() })).alreadySent).toHaveLength(1);
    expect(await send({ confirmResend: true, cc: [] })).toMatchObject({ ok: true });
  });
});

describe('templates', () => {
  test('uses the edited template for the subject and body, per language', async ({
    sending: { t, send, target },
    smtp,
  }) => {
    const templates = await t.ok('mail.templates', {});
    templates.invoice.ar = { subject: 'فاتورتكم {number} — {party}', body: 'مرفق {document} بقيمة {amount}.' };
    await t.ok('mail.saveTemplates', templates);
    expect((await t.ok('mail.prepare', { target: target() })).subject).toBe('فاتورتكم ١٠٤٢ — شركة النور للتجارة');
    await send({ subject: 'x' });
    await t.core.outbox.runOnce();
    expect((await smtp.nextMessage()).mail.text).toContain('مرفق فاتورة مبيعات بقيمة ٥٤٠٫٥٦ ILS.');
    expect(
      (
        await t.fail('mail.saveTemplates', {
          ...templates,
          invoice: { ...templates.invoice, en: { subject: 'a\nb', body: '' } },
        })
      ).code,
    ).toBe('invalid_input');
  });
});
