import { useEffect, useState } from 'react';
import type { ErrorBody } from '../../src-shared/errors';
import { errorBody } from '../common/errors';

/** Load once on mount: the value, or the error that stopped it. */
export function useLoaded<T>(load: () => Promise<T>): { value: T | null; error: ErrorBody | null } {
  const [state, setState] = useState<{ value: T | null; error: ErrorBody | null }>({ value: null, error: null });
  useEffect(() => {
    let live = true;
    load()
      .then((value) => live && setState({ value, error: null }))
      .catch((e: unknown) => live && setState({ value: null, error: errorBody(e) }));
    return () => {
      live = false;
    };
    // Loads once per mount by design.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return state;
}
