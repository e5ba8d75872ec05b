import type { CallInput, CallOutput } from '../../src-shared/api/contract';
import { ownerOf, type OwnerDraft } from './OwnerFields';

export type Location = CallOutput<'book.location'>;
type OfficeForm = CallInput<'book.officeTest'>;

export interface OfficeDraft extends OwnerDraft {
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
  tls: 'off' | 'verify';
  ca: string;
  clientCert: string;
  clientKey: string;
  officeKey: string;
}

export const draftOf = (location: Location): OfficeDraft => ({
  host: location.office?.host ?? '',
  port: String(location.office?.port ?? 5432),
  database: location.office?.database ?? 'daftar',
  user: location.office?.user ?? 'daftar',
  password: '',
  tls: location.office?.tls ?? 'verify',
  ca: location.office?.ca ?? '',
  clientCert: location.office?.clientCert ?? '',
  clientKey: '',
  officeKey: '',
  ownerUser: '',
  ownerPassword: '',
});

/** The form as the call takes it: a secret left empty keeps the saved one. */
export const formOf = (d: OfficeDraft): OfficeForm => ({
  host: d.host.trim(),
  port: Number(d.port || 0),
  database: d.database.trim(),
  user: d.user.trim(),
  tls: d.tls,
  ca: d.ca,
  clientCert: d.clientCert,
  ...(d.password ? { password: d.password } : {}),
  ...(d.clientKey ? { clientKey: d.clientKey } : {}),
  ...(d.officeKey.trim() ? { officeKey: d.officeKey.trim() } : {}),
  ...ownerOf(d),
});

/** This computer (loopback, or a Unix socket's folder): the only office server Daftar reaches without TLS (the core refuses any other). */
export const isLoopbackHost = (host: string) => {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  return (
    name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) || name.startsWith('/')
  );
};

/**
 * Whether the form still reaches the saved server the way its password was saved for: the same
 * server and user, TLS, CA and client certificate. Otherwise the saved password is not sent.
 */
export const reachedAsSaved = (d: OfficeDraft, saved: NonNullable<Location['office']>) =>
  d.host.trim().toLowerCase() === saved.host.trim().toLowerCase() &&
  Number(d.port) === saved.port &&
  d.database.trim() === saved.database &&
  d.user.trim() === saved.user &&
  d.tls === saved.tls &&
  (d.tls === 'off' || (d.ca.trim() === saved.ca.trim() && d.clientCert.trim() === saved.clientCert.trim()));
