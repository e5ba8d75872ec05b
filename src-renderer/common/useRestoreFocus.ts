import { useEffect } from 'react';

/** A dialog gives focus back, when it closes, to what had it before it opened (never lost to the page). */
export function useRestoreFocus(): void {
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    return () => {
      if (before && before.isConnected) before.focus();
    };
  }, []);
}
