import { useEffect } from 'react';
import { useCredits } from './credits.store';

/** Every few seconds at first: a payment usually completes within a minute or two of opening checkout. */
const FAST_EVERY_MS = 3_000;
const FAST_FOR_MS = 2 * 60_000;
/** Then more slowly, and not at all after half an hour (the focus check still catches a late payment). */
const SLOW_EVERY_MS = 15_000;
const WATCH_FOR_MS = 30 * 60_000;

/**
 * While an order waits for its payment, sync with the licensing server often, and whenever the
 * window comes back into focus (the user returning from the checkout page), so the paid order
 * and the new balance show within seconds rather than at the next five-minute sync.
 */
export function usePendingOrderWatch(pendingOrderId: string | null): void {
  useEffect(() => {
    if (!pendingOrderId) return;
    const started = Date.now();
    const syncUnlessBusy = () => {
      const credits = useCredits.getState();
      if (!credits.syncing) void credits.sync();
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const next = () => {
      const elapsed = Date.now() - started;
      if (elapsed >= WATCH_FOR_MS) return;
      timer = setTimeout(
        () => {
          syncUnlessBusy();
          next();
        },
        elapsed < FAST_FOR_MS ? FAST_EVERY_MS : SLOW_EVERY_MS,
      );
    };
    next();
    const onVisible = () => document.visibilityState === 'visible' && syncUnlessBusy();
    window.addEventListener('focus', syncUnlessBusy);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('focus', syncUnlessBusy);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [pendingOrderId]);
}
