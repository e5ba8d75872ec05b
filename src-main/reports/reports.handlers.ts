import { reportsApi } from '../../src-shared/api/reports.api';
import type { DomainHandlers, Services } from '../registry';
import { buildStatement } from './statement';

export const ACCOUNT_KINDS = ['customer', 'supplier'] as const;
export const EMPLOYEE_KINDS = ['employee'] as const;

export const reportsHandlers = ({ book }: Services) =>
  ({
    'reports.accountStatement': (input) => buildStatement(book, input, ACCOUNT_KINDS),
    'reports.employeeStatement': (input) => buildStatement(book, input, EMPLOYEE_KINDS),
  }) satisfies DomainHandlers<typeof reportsApi>;
