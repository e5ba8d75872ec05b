import type { Language } from '../../src-shared/api/fields';
import type { MailReportFilters } from '../../src-shared/api/mail-report-filters';
import { PRINT_LABELS } from '../../src-shared/print/labels';
import { MAIL_REPORT_PRINT_LIMIT, type MailReportPrint } from '../../src-shared/print/model';
import { formatId } from '../../src-shared/i18n/locale';
import { getBulk } from '../bulk/bulk.repo';
import { getParty } from '../parties/parties.repo';
import type { Services } from '../registry';
import { getUser } from '../users/users.repo';
import * as repo from './mail-report.repo';
import { withSearchHits } from './mail-report.search';

/** The filters other than the date range, in the printed language: who, which card, which type… */
async function filtersInWords(
  services: Services,
  f: MailReportFilters,
  language: Language,
): Promise<[string, string][]> {
  const { db } = services.book;
  const l = PRINT_LABELS[language];
  const words: [string, string][] = [];
  if (f.userId) words.push([l.mailReport.filters.user, (await getUser(db, f.userId))?.name ?? f.userId]);
  if (f.partyId) words.push([l.mailReport.filters.party, (await getParty(db, f.partyId))?.name ?? f.partyId]);
  if (f.docType)
    words.push([
      l.mailReport.filters.docType,
      f.docType === 'statement' ? l.mailReport.statement : l.voucherTitle[f.docType],
    ]);
  if (f.status) words.push([l.mailReport.filters.status, l.mailReport.statuses[f.status]]);
  if (f.bulkId) {
    const bulk = await getBulk(db, f.bulkId);
    words.push([l.mailReport.filters.bulk, bulk ? formatId(language, bulk.number) : f.bulkId]);
  }
  if (f.search.trim()) words.push([l.mailReport.filters.search, f.search.trim()]);
  return words;
}

/** What the printed mail report shows: the same filters, totals and rows as the screen. */
export async function buildMailReportPrint(
  services: Services,
  f: MailReportFilters,
  language: Language,
): Promise<MailReportPrint> {
  const { db } = services.book;
  const [[{ totals, perDay }, rows], filters] = await Promise.all([
    withSearchHits(db, f, (hits) =>
      Promise.all([repo.summary(db, f, hits), repo.listed(db, f, MAIL_REPORT_PRINT_LIMIT, null, hits)]),
    ),
    filtersInWords(services, f, language),
  ]);
  return {
    from: f.from,
    to: f.to,
    filters,
    totals,
    perDay,
    items: rows.map((r) => ({
      createdAt: r.created_at,
      sourceTitle: r.source_title,
      recipients: [...(JSON.parse(r.to_json) as string[]), ...(JSON.parse(r.cc_json) as string[])],
      status: r.status === 'sent' && r.bounced > 0 ? ('bounced' as const) : r.status,
      credits: Number(r.credits),
      userName: r.user_name,
    })),
    total: totals.messages,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}
