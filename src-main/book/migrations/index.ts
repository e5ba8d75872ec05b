import type { Migration } from 'kysely';
import * as m0001 from './0001-init';
import * as m0002 from './0002-vouchers';
import * as m0003 from './0003-credits';
import * as m0004 from './0004-outbox';
import * as m0005 from './0005-bulk';
import * as m0006 from './0006-users';
import * as m0007 from './0007-mail-report';
import * as m0008 from './0008-card-voucher-permissions';
import * as m0009 from './0009-mailbox-sign-in-and-limits';
import * as m0010 from './0010-company-default-tax';
import * as m0011 from './0011-imap-bounces';
import * as m0012 from './0012-mail-report-search';
import * as m0013 from './0013-spend-chain';
import * as m0014 from './0014-mail-report-hours';
import * as m0015 from './0015-kept-files';
import * as m0016 from './0016-office-secrets';
import * as m0017 from './0017-outbox-claimed-by';
import * as m0018 from './0018-office-list-index';
import * as m0019 from './0019-voucher-days';
import * as m0020 from './0020-party-list-indexes';
import * as m0021 from './0021-mail-report-search-facts';
import * as m0022 from './0022-mail-report-search-values';
import * as m0023 from './0023-outbox-triggers-for-other-tools';
import * as m0024 from './0024-spend-link-returns';
import * as m0025 from './0025-office-roles';

/**
 * Every migration, in order. Listed by hand (no folder scan) so the bundle and vitest
 * see the same set. A landed migration is never edited: add the next number instead.
 */
export const migrations: Record<string, Migration> = {
  '0001-init': m0001,
  '0002-vouchers': m0002,
  '0003-credits': m0003,
  '0004-outbox': m0004,
  '0005-bulk': m0005,
  '0006-users': m0006,
  '0007-mail-report': m0007,
  '0008-card-voucher-permissions': m0008,
  '0009-mailbox-sign-in-and-limits': m0009,
  '0010-company-default-tax': m0010,
  '0011-imap-bounces': m0011,
  '0012-mail-report-search': m0012,
  '0013-spend-chain': m0013,
  '0014-mail-report-hours': m0014,
  '0015-kept-files': m0015,
  '0016-office-secrets': m0016,
  '0017-outbox-claimed-by': m0017,
  '0018-office-list-index': m0018,
  '0019-voucher-days': m0019,
  '0020-party-list-indexes': m0020,
  '0021-mail-report-search-facts': m0021,
  '0022-mail-report-search-values': m0022,
  '0023-outbox-triggers-for-other-tools': m0023,
  '0024-spend-link-returns': m0024,
  '0025-office-roles': m0025,
};
