import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailboxInput, TestReadBack as ReadBack } from '../../src-shared/api/mailbox.api';
import { call } from '../api';
import { Notice } from '../common/Form';
import { useBroughtIntoView } from '../common/useBroughtIntoView';

/** A test message takes a moment to come back through the provider: look every few seconds, a minute at most. */
const TRIES = 20;
const EVERY_MS = 3000;

const verdictKind = (result: string) =>
  result === 'pass'
    ? 'pass'
    : ['fail', 'softfail', 'hardfail'].includes(result)
      ? 'fail'
      : result === 'none'
        ? 'none'
        : 'other';

/**
 * After a test message to the mailbox's own address: finds it in the INBOX over IMAP and shows what
 * the receiving server said of it (SPF, DKIM, DMARC), in plain words.
 */
export function TestReadBack({ messageId, draft, domain }: { messageId: string; draft: MailboxInput; domain: string }) {
  const { t } = useTranslation();
  const [tried, setTried] = useState(1);
  const [round, setRound] = useState(0);
  const [answer, setAnswer] = useState<ReadBack | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The form as it was when the test went: later typing does not change where we look.
  const sentWith = useRef(draft);

  useEffect(() => {
    let alive = true;
    void (async () => {
      for (let i = 1; i <= TRIES; i++) {
        const back = await call('mailbox.readTestBack', { messageId, draft: sentWith.current }).catch((e: unknown) =>
          e instanceof Error ? e : new Error(String(e)),
        );
        if (!alive) return;
        if (back instanceof Error) return setError(back.message);
        if (back.found || back.outcome !== 'ok' || i === TRIES) return setAnswer(back);
        setTried(i + 1);
        await new Promise((r) => setTimeout(r, EVERY_MS));
        if (!alive) return;
      }
    })();
    return () => {
      alive = false;
    };
  }, [messageId, round]);

  const box = useBroughtIntoView<HTMLDivElement>(`${tried} ${answer?.found} ${error}`);

  const again = () => {
    setAnswer(null);
    setError(null);
    setTried(1);
    setRound((r) => r + 1);
  };
  const lookAgain = (
    <button type="button" className="link" onClick={again}>
      {t('mailbox.readBack.again')}
    </button>
  );
  if (error)
    return (
      <div ref={box} className="read-back" data-state="error">
        <Notice kind="error">{error}</Notice>
      </div>
    );
  if (!answer)
    return (
      <div ref={box} className="read-back" role="status" data-state="looking">
        {t('mailbox.readBack.waiting', { tried, tries: TRIES })}
      </div>
    );
  if (answer.outcome !== 'ok')
    return (
      <div ref={box} className="read-back" data-state="error">
        <Notice kind="error">
          {t(`mailbox.outcome.${answer.outcome}`, { host: draft.imap?.host ?? '', port: draft.imap?.port ?? '' })}{' '}
          {lookAgain}
        </Notice>
      </div>
    );
  if (!answer.found)
    return (
      <div ref={box} className="read-back" data-state="not-found">
        <Notice kind="info">
          {t('mailbox.readBack.notYet')} {lookAgain}
        </Notice>
      </div>
    );
  return (
    <div ref={box} className="read-back" data-state="found">
      <h3>{t('mailbox.readBack.title')}</h3>
      {answer.results.length === 0 ? (
        <Notice kind="info">{t('mailbox.readBack.noVerdict')}</Notice>
      ) : (
        <>
          {answer.judgedBy && <p>{t('mailbox.readBack.judgedBy', { server: answer.judgedBy })}</p>}
          <ul className="verdicts">
            {answer.results.map((r, i) => {
              const kind = verdictKind(r.result);
              return (
                <li key={i} data-method={r.method} data-result={r.result} className={`verdict-${kind}`}>
                  <strong>{t(`mailbox.readBack.method.${r.method}`)}</strong>{' '}
                  {t(`mailbox.readBack.verdict.${r.method}.${kind}`, {
                    subject: r.subject && r.subject !== 'none' ? r.subject : domain,
                    result: r.result,
                  })}
                  {r.comment && (
                    <div className="hint">
                      <bdi dir="ltr">{r.comment}</bdi>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}
