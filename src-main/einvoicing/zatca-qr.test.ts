import { describe, expect, it } from 'vitest';
import { readZatcaQr, zatcaQrPayload, type ZatcaQrFields } from './zatca-qr';

// The published vectors (docs/einvoicing/ZATCA-QR.md §2): axenda/zatca's tests/invoice.test.ts and
// Haraj-backend/zatca-sdk-go's qrcode/data_test.go, Arabic seller names included.

const axenda = (sellerName: string): ZatcaQrFields => ({
  sellerName,
  vatNumber: '1234567891',
  timestamp: '2021-12-04T00:00:00Z',
  total: '100.00',
  vatTotal: '15.00',
});
const haraj = (sellerName: string): ZatcaQrFields => ({
  sellerName,
  vatNumber: '310122393500003',
  timestamp: '2022-04-25T15:30:00Z',
  total: '1000.00',
  vatTotal: '150.00',
});

const VECTORS: [string, ZatcaQrFields, string][] = [
  [
    'axenda, a Latin name',
    axenda('Axenda'),
    'AQZBeGVuZGECCjEyMzQ1Njc4OTEDFDIwMjEtMTItMDRUMDA6MDA6MDBaBAYxMDAuMDAFBTE1LjAw',
  ],
  [
    'axenda, an Arabic name (6 letters, 12 bytes)',
    axenda('اكسندا'),
    'AQzYp9mD2LPZhtiv2KcCCjEyMzQ1Njc4OTEDFDIwMjEtMTItMDRUMDA6MDA6MDBaBAYxMDAuMDAFBTE1LjAw',
  ],
  [
    'haraj, a Latin name',
    haraj('Bobs Records'),
    'AQxCb2JzIFJlY29yZHMCDzMxMDEyMjM5MzUwMDAwMwMUMjAyMi0wNC0yNVQxNTozMDowMFoEBzEwMDAuMDAFBjE1MC4wMA==',
  ],
  [
    'haraj, an Arabic name (15 characters, 29 bytes)',
    haraj('الجواهري العربي'),
    'AR3Yp9mE2KzZiNin2YfYsdmKINin2YTYudix2KjZigIPMzEwMTIyMzkzNTAwMDAzAxQyMDIyLTA0LTI1VDE1OjMwOjAwWgQHMTAwMC4wMAUGMTUwLjAw',
  ],
];

const problem = (fields: ZatcaQrFields) => {
  try {
    zatcaQrPayload(fields);
    return null;
  } catch (error) {
    return (error as { details: { fields: unknown[] } }).details.fields[0];
  }
};

describe("ZATCA's Phase 1 QR", () => {
  it.each(VECTORS)('encodes the published vector: %s', (_name, fields, expected) => {
    expect(zatcaQrPayload(fields)).toBe(expected);
  });

  it.each(VECTORS)('reads the published vector back: %s', (_name, fields, payload) => {
    expect(readZatcaQr(payload)).toEqual(fields);
  });

  it('counts a value in bytes: the longest Arabic name is 127 letters, the 128th is refused by field', () => {
    const name = 'ع'.repeat(127);
    expect(readZatcaQr(zatcaQrPayload(haraj(name))).sellerName).toBe(name);
    expect(problem(haraj(name + 'ع'))).toEqual({
      path: 'sellerName',
      reason: 'qr_value_too_long',
      params: { maxBytes: 255, bytes: 256 },
    });
  });

  it('a zero-rated invoice carries 0.00 of VAT; an empty name, a date without its time or a formatted amount is refused', () => {
    expect(readZatcaQr(zatcaQrPayload({ ...haraj('Bobs Records'), vatTotal: '0.00' })).vatTotal).toBe('0.00');
    expect(problem(haraj(' '))).toMatchObject({ path: 'sellerName', reason: 'required' });
    expect(problem({ ...haraj('Bobs Records'), timestamp: '2022-04-25' })).toMatchObject({ path: 'timestamp' });
    expect(problem({ ...haraj('Bobs Records'), total: '1,000.00' })).toMatchObject({ path: 'total' });
  });

  it('refuses a QR whose text would pass 700 characters, though each value fits', () => {
    const long = 'ع'.repeat(127);
    expect(problem({ ...haraj(long), vatNumber: '3'.repeat(255) })).toMatchObject({ reason: 'qr_too_long' });
  });
});
