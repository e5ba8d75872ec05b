import { useCallback, useEffect, useState } from 'react';
import type { CallInput, CallName, CallOutput } from '../../src-shared/api/contract';
import type { ErrorBody } from '../../src-shared/errors';
import { call } from '../api';
import { errorBody } from './errors';

export interface Called<T> {
  /** The answer, or null while it loads (and after a failure). */
  value: T | null;
  /** Why the load failed, or null. */
  error: ErrorBody | null;
  /** Ask again (Try again, or after something changed); the value shown stays until the answer. */
  reload: () => void;
}

interface Answer<T> {
  /** The call and input this answer is for: an answer for an older input is never shown. */
  asked: string;
  value: T | null;
  error: ErrorBody | null;
}

/**
 * Load one call's answer: again when its input changes (compared as JSON, so a new object with the
 * same fields does not reload) and on `reload()`. A failed load is an `error`, never a silent wait.
 */
export function useCall<K extends CallName>(name: K, input: CallInput<K>): Called<CallOutput<K>> {
  const asked = JSON.stringify([name, input ?? {}]);
  const [answer, setAnswer] = useState<Answer<CallOutput<K>>>({ asked, value: null, error: null });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    // The call is read back from `asked`: the effect runs once per distinct input, not per render.
    const [askedName, askedInput] = JSON.parse(asked) as [K, CallInput<K>];
    call(askedName, askedInput).then(
      (value) => live && setAnswer({ asked, value, error: null }),
      (e: unknown) => live && setAnswer({ asked, value: null, error: errorBody(e) }),
    );
    return () => {
      live = false;
    };
  }, [asked, attempt]);

  const reload = useCallback(() => {
    setAnswer((a) => ({ ...a, error: null }));
    setAttempt((n) => n + 1);
  }, []);

  if (answer.asked !== asked) return { value: null, error: null, reload };
  return { value: answer.value, error: answer.error, reload };
}
