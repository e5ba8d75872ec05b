import { expect, it } from 'vitest';
import { redact } from './log';
import { isOpenableUrl } from './ports';

it('masks anything that looks like a secret before it is logged, at any depth', () => {
  expect(redact({ host: 'smtp.x.ps', password: 'p', auth: { user: 'u', pass: 'q' }, list: [{ token: 't' }] })).toEqual({
    host: 'smtp.x.ps',
    password: '***',
    auth: { user: 'u', pass: '***' },
    list: [{ token: '***' }],
  });
});

it('lets only http(s) and mailto links leave the app', () => {
  expect(['https://daftar.ps', 'http://x.ps/a', 'mailto:a@x.ps'].map(isOpenableUrl)).toEqual([true, true, true]);
  expect(['file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'not a url'].map(isOpenableUrl)).toEqual([
    false,
    false,
    false,
    false,
  ]);
});
