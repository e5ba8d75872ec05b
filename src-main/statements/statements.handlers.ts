import { statementsApi } from '../../src-shared/api/statements.api';
import type { DomainHandlers, Services } from '../registry';
import { ACCOUNT_KINDS, EMPLOYEE_KINDS } from './statement';

// On the read worker: a statement over years of a busy card is a long read.
export const statementsHandlers = ({ reads }: Services) =>
  ({
    'statements.accountStatement': (input) => reads.run('statement', { input, kinds: ACCOUNT_KINDS }),
    'statements.employeeStatement': (input) => reads.run('statement', { input, kinds: EMPLOYEE_KINDS }),
  }) satisfies DomainHandlers<typeof statementsApi>;
