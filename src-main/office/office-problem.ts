import { AppError } from '../../src-shared/errors';

/** Where a desktop was trying to reach, for the words of the error. */
export interface OfficeTarget {
  host: string;
  port: number;
  database: string;
  user: string;
}

interface SystemishError {
  code?: string;
  message?: string;
  errors?: SystemishError[];
}

const REFUSED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN']);
const NO_SUCH_HOST = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME']);
const LOST = new Set(['ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03', '08006', '08003', '08001']);
const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
]);

/**
 * What went wrong reaching the office server, as the user should hear it (which server, which
 * user, which database, why); null when the error is not about reaching it (a bug, a bad query).
 */
export function officeProblem(error: unknown, target: OfficeTarget): AppError | null {
  if (error instanceof AppError) return error;
  const e = (error ?? {}) as SystemishError;
  // Node answers a name with several addresses with an AggregateError: the first one says why.
  const code = e.code ?? e.errors?.[0]?.code ?? '';
  const message = e.message ?? '';
  const where = `${target.host}:${target.port}`;
  const unreachable = (why: 'refused' | 'no_such_host' | 'timeout' | 'lost', words: string) =>
    AppError.because('office_unreachable', `The office server at ${where} ${words}`, {
      host: target.host,
      port: target.port,
      why,
    });
  if (REFUSED.has(code)) return unreachable('refused', 'does not answer (refused or unreachable)');
  if (NO_SUCH_HOST.has(code)) return unreachable('no_such_host', 'is not a name this network knows');
  if (code === 'ETIMEDOUT' || /connection timeout/i.test(message))
    return unreachable('timeout', 'did not answer in time');
  if (LOST.has(code) || /Connection terminated/i.test(message))
    return unreachable('lost', 'closed the connection (it stopped, or the network dropped)');
  if (code === '28P01' || code === '28000')
    return AppError.because('office_login_refused', `The office server refused the user ${target.user}`, {
      user: target.user,
    });
  if (code === '3D000')
    return AppError.because('office_no_database', `The office server has no database ${target.database}`, {
      database: target.database,
    });
  if (code === '42501')
    return AppError.because(
      'office_no_rights',
      `The user ${target.user} may not create the book's tables in ${target.database}`,
      { user: target.user, database: target.database },
    );
  if (/does not support SSL/i.test(message))
    return AppError.because('office_tls', `The office server at ${where} offers no TLS`, { why: 'not_offered' });
  if (UNTRUSTED.has(code))
    return AppError.because('office_tls', `The office server's certificate is not trusted (${code})`, {
      why: 'untrusted',
    });
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return AppError.because('office_tls', `The office server's certificate is not for ${target.host}`, {
      why: 'wrong_name',
    });
  return null;
}
