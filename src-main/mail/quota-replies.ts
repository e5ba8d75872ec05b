/**
 * Replies that mean "you have sent too much", not "this message is wrong". They must not fail
 * the message (and hand back its credits): the queue waits for the provider's window instead.
 * Classified by the enhanced status code (RFC 3463) where providers give a telling one, and by
 * the known texts where they do not.
 */
export type QuotaKind = 'daily' | 'rate';

const KNOWN: { pattern: RegExp; kind: QuotaKind; example: string }[] = [
  // Gmail: the account's daily sending limit.
  { pattern: /\b5\.4\.5\b/, kind: 'daily', example: '550 5.4.5 Daily user sending limit exceeded.' },
  { pattern: /daily (user )?sending (quota|limit)/i, kind: 'daily', example: '550 Daily sending quota exceeded' },
  // Microsoft 365 / Outlook.com: the mailbox's recipient or message quota.
  {
    pattern: /SubmissionQuotaExceeded|5\.2\.0 .*quota/i,
    kind: 'daily',
    example: '554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException',
  },
  { pattern: /\b(5|4)\.5\.3\b.*(too many|limit)/i, kind: 'daily', example: '452 4.5.3 Too many recipients today' },
  // Gmail's "try again later" when it throttles, and Microsoft's submission rate.
  { pattern: /\b4\.7\.0\b/, kind: 'rate', example: '421 4.7.0 Try again later, closing connection.' },
  { pattern: /\b4\.3\.2\b/, kind: 'rate', example: '432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded' },
  {
    pattern: /message submission rate|sending rate|rate limit|too many messages/i,
    kind: 'rate',
    example: '450 4.2.1 Message submission rate for this client has exceeded the configured limit',
  },
];

/** The examples each rule was written for, for the tests. */
export const QUOTA_EXAMPLES = KNOWN.map(({ example, kind }) => ({ example, kind }));

export function quotaOf(reply: string): QuotaKind | null {
  return KNOWN.find((rule) => rule.pattern.test(reply))?.kind ?? null;
}

/** How long the queue waits after such a reply: a minute for a rate, an hour for a day's quota (tried hourly). */
export const QUOTA_WAIT_MS: Record<QuotaKind, number> = { rate: 60_000, daily: 3_600_000 };
