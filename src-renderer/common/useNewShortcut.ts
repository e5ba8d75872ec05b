import { useEffect } from 'react';

/**
 * Alt+N on a list screen starts a new one (a card, a voucher). By the key's place (KeyN), so it
 * works the same with an Arabic keyboard layout; Ctrl+N is the browser's own and cannot be used.
 */
export function useNewShortcut(start: (() => void) | null): void {
  useEffect(() => {
    if (!start) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyN') {
        e.preventDefault();
        start();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [start]);
}
