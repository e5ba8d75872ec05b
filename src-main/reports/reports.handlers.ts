import { reportsApi } from '../../src-shared/api/reports.api';
import type { DomainHandlers, Services } from '../registry';
import { ACCOUNT_KINDS, buildStatement, EMPLOYEE_KINDS } from './statement';

export const reportsHandlers = ({ book }: Services) =>
  ({
    'reports.accountStatement': (input) => buildStatement(book, input, ACCOUNT_KINDS),
    'reports.employeeStatement': (input) => buildStatement(book, input, EMPLOYEE_KINDS),
  }) satisfies DomainHandlers<typeof reportsApi>;
