import { AppError } from '../../src-shared/errors';

// ZATCA's Phase 1 QR for Saudi invoices (docs/einvoicing/ZATCA-QR.md): five TLV records, each a
// tag byte, a length byte and the value's UTF-8 bytes, then base64 of the whole. The length is the
// value's byte count, not its characters: an Arabic seller name has twice as many bytes as letters.

/** What the QR of a Saudi invoice carries, as printed on the invoice. */
export interface ZatcaQrFields {
  sellerName: string;
  vatNumber: string;
  /** The invoice's time, ISO 8601 in UTC (2022-04-25T15:30:00Z). */
  timestamp: string;
  /** The total with VAT, plain decimal text (1000.00). */
  total: string;
  /** The VAT total, plain decimal text (150.00); 0.00 for a zero-rated invoice. */
  vatTotal: string;
}

/** The records in their order; their tags are 1 to 5. */
const TAGS = ['sellerName', 'vatNumber', 'timestamp', 'total', 'vatTotal'] as const;

/** A value's length is one byte. */
export const ZATCA_MAX_VALUE_BYTES = 255;
/** The base64 text a scanner reads is at most this long. */
export const ZATCA_MAX_PAYLOAD = 700;

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const AMOUNT = /^\d+\.\d{2}$/;

/** Why a value cannot go in the QR as it is, naming its field; nothing is shortened silently. */
function checkValue(field: (typeof TAGS)[number], value: string): void {
  if (!value.trim()) throw AppError.invalidField(field, 'required');
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > ZATCA_MAX_VALUE_BYTES)
    throw AppError.invalidField(field, 'qr_value_too_long', { maxBytes: ZATCA_MAX_VALUE_BYTES, bytes });
  if (field === 'timestamp' && !TIMESTAMP.test(value)) throw AppError.invalidField(field, 'invalid_format');
  if ((field === 'total' || field === 'vatTotal') && !AMOUNT.test(value))
    throw AppError.invalidField(field, 'invalid_format');
}

/** The QR's text for these fields, or an error naming the field that cannot go in it. */
export function zatcaQrPayload(fields: ZatcaQrFields): string {
  const records = TAGS.map((field, index) => {
    const value = fields[field];
    checkValue(field, value);
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([Buffer.from([index + 1, bytes.length]), bytes]);
  });
  const payload = Buffer.concat(records).toString('base64');
  if (payload.length > ZATCA_MAX_PAYLOAD)
    throw AppError.invalidField('sellerName', 'qr_too_long', { maxCharacters: ZATCA_MAX_PAYLOAD });
  return payload;
}

/** The fields a QR's text carries (tags 1 to 5; others are skipped), as a phone's reader finds them. */
export function readZatcaQr(payload: string): Partial<ZatcaQrFields> {
  const bytes = Buffer.from(payload, 'base64');
  const fields: Partial<ZatcaQrFields> = {};
  for (let at = 0; at + 2 <= bytes.length;) {
    const tag = bytes[at]!;
    const length = bytes[at + 1]!;
    const value = bytes.subarray(at + 2, at + 2 + length).toString('utf8');
    const field = TAGS[tag - 1];
    if (field) fields[field] = value;
    at += 2 + length;
  }
  return fields;
}
