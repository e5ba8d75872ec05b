import { describe, expect, it } from 'vitest';
import { QUOTA_EXAMPLES, quotaOf, type QuotaKind } from './quota-replies';

describe('replies that mean "sent too much"', () => {
  it.each<[string, QuotaKind]>([
    // The providers' own words, as the issue quotes them and as they send them.
    ['550 5.4.5 Daily user sending limit exceeded. For more information on Gmail sending limits, go to…', 'daily'],
    ['421 4.7.0 Try again later, closing connection. (EHLO)', 'rate'],
    ['554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message', 'daily'],
    ['432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded', 'rate'],
    ['450 4.2.1 Message submission rate for this client has exceeded the configured limit', 'rate'],
    ...QUOTA_EXAMPLES.map(({ example, kind }): [string, QuotaKind] => [example, kind]),
  ])('%s → %s', (reply, kind) => expect(quotaOf(reply)).toBe(kind));

  it.each([
    '550 5.1.1 The email account that you tried to reach does not exist.',
    '552 5.2.2 The recipient mailbox is full',
    '554 5.7.1 Message rejected as spam',
    '535 5.7.8 Username and Password not accepted',
    '451 4.3.0 Temporary server error',
  ])('%s is not a quota', (reply) => expect(quotaOf(reply)).toBeNull());
});
