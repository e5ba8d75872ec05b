import { describe, expect, it } from 'vitest';
import type { MailReportFilters } from '../../src-shared/api/mail-report-filters';
import type { BookDialectName } from '../book/dialect';
import { planReport, type ReportPlan } from './report-plan';

const year = (more: Partial<MailReportFilters>): MailReportFilters => ({
  from: '2026-01-01',
  to: '2026-12-31',
  search: '',
  ...more,
});

const plan = (inMemory: boolean, counting: ReportPlan['counting'], matches: ReportPlan['matches']) => ({
  inMemory,
  counting,
  matches,
});

describe('planReport', () => {
  it.each<[string, Partial<MailReportFilters>, BookDialectName, ReportPlan]>([
    ['the days alone', {}, 'sqlite', plan(false, 'hourly-counts', 'none')],
    ['the days and a status', { status: 'failed' }, 'sqlite', plan(false, 'hourly-counts', 'none')],
    ['a card', { partyId: 'p1' }, 'sqlite', plan(false, 'filter-index', 'none')],
    ['a user', { userId: 'u1' }, 'sqlite', plan(true, 'filter-index', 'none')],
    ['a document type', { docType: 'statement' }, 'sqlite', plan(true, 'filter-index', 'none')],
    ['a bulk', { bulkId: 'b1' }, 'sqlite', plan(false, 'filter-index', 'none')],
    ['a user in a bulk', { userId: 'u1', bulkId: 'b1' }, 'sqlite', plan(false, 'filter-index', 'none')],
    ['a search', { search: 'boss@' }, 'sqlite', plan(true, 'search-facts', 'kept-hits')],
    ['a search and a status', { search: 'boss@', status: 'sent' }, 'sqlite', plan(true, 'search-facts', 'kept-hits')],
    ['three Arabic letters', { search: 'فات' }, 'sqlite', plan(true, 'search-facts', 'kept-hits')],
    ['a search padded with spaces', { search: '  ab  ' }, 'sqlite', plan(false, 'filter-index', 'row-text')],
    ['spaces only', { search: '   ' }, 'sqlite', plan(false, 'hourly-counts', 'none')],
    ['a search and a card', { search: 'boss@', partyId: 'p1' }, 'sqlite', plan(true, 'filter-index', 'kept-hits')],
    ['a search in a bulk', { search: 'boss@', bulkId: 'b1' }, 'sqlite', plan(false, 'filter-index', 'kept-hits')],
    ['two characters', { search: 'بو' }, 'sqlite', plan(false, 'filter-index', 'row-text')],
    ['two characters and a user', { search: 'bo', userId: 'u1' }, 'sqlite', plan(false, 'filter-index', 'row-text')],
    [
      'a search over 30 years',
      { from: '2000-01-01', search: 'boss@' },
      'sqlite',
      plan(false, 'search-facts', 'kept-hits'),
    ],
    ['a user over 30 years', { from: '2000-01-01', userId: 'u1' }, 'sqlite', plan(false, 'filter-index', 'none')],
    ['office: the days alone', {}, 'postgres', plan(false, 'hourly-counts', 'none')],
    ['office: a user', { userId: 'u1' }, 'postgres', plan(false, 'filter-index', 'none')],
    ['office: a search', { search: 'boss@' }, 'postgres', plan(false, 'filter-index', 'postgres-trigram')],
    ['office: two characters', { search: 'bo' }, 'postgres', plan(false, 'filter-index', 'postgres-trigram')],
  ])('%s', (_name, filters, dialect, expected) => {
    expect(planReport(year(filters), dialect)).toEqual(expected);
  });
});
