import { useEffect, useRef } from 'react';

/**
 * An answer that appears under a long form is scrolled into view whenever `key` changes, rather than
 * left below the fold. Only the screen's own scroll moves (scrollIntoView would also shift the page
 * sideways in RTL).
 */
export function useBroughtIntoView<T extends HTMLElement>(key: unknown) {
  const box = useRef<T>(null);
  useEffect(() => {
    const main = box.current?.closest('main');
    if (!box.current || !main) return;
    const below = box.current.getBoundingClientRect().bottom - main.getBoundingClientRect().bottom;
    if (below > 0) main.scrollTop += below + 16;
  }, [key]);
  return box;
}
