import { expect, it } from 'vitest';
import { printRequestAllowed } from './print-network';

it('lets the print window load its page and the app’s fonts, and nothing from the network', () => {
  expect(printRequestAllowed('data:text/html;charset=utf-8;base64,PGgxPg==')).toBe(true);
  expect(printRequestAllowed('file:///opt/Daftar/resources/fonts/NotoNaskhArabic-Regular.ttf')).toBe(true);
  for (const url of [
    'http://127.0.0.1:8080/pixel.png',
    'https://tracker.example/x.gif',
    'ws://localhost:9/',
    'ftp://files.example/a',
    'blob:https://evil.example/123',
  ])
    expect(printRequestAllowed(url)).toBe(false);
});
