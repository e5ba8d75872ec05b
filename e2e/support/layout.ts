import type { Page } from '@playwright/test';

/**
 * What a user would see as broken, measured from bounding boxes in the page:
 * - the page scrolls sideways;
 * - a control sticks out of its panel, dialog or table cell;
 * - a control is covered by something else (the status bar, a neighbour) where it should be clickable;
 * - a number or word is clipped inside its cell;
 * - the sidebar needs scrolling to reach a screen.
 * With a dialog or side panel open, only it is checked (what is behind is covered on purpose).
 */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const name = (el: Element) => {
      const label = (el.getAttribute('aria-label') ?? el.textContent ?? (el as HTMLInputElement).value ?? '').trim();
      const cls =
        typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      return `${el.tagName.toLowerCase()}${cls} «${label.slice(0, 40)}»`;
    };
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return (
        r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && !el.closest('[hidden], [aria-hidden=true]')
      );
    };
    /** Within every scrolling or clipping ancestor's visible box (else it is merely scrolled away). */
    const inView = (el: Element, x: number, y: number) => {
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
      for (let a = el.parentElement; a; a = a.parentElement) {
        const overflow = getComputedStyle(a);
        if (/(auto|scroll|hidden)/.test(overflow.overflowX + overflow.overflowY)) {
          const r = a.getBoundingClientRect();
          if (x < r.left || x > r.right || y < r.top || y > r.bottom) return false;
        }
      }
      return true;
    };

    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1)
      problems.push(`the page scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`);

    const nav = document.querySelector('nav.nav');
    if (nav && nav.scrollHeight > nav.clientHeight + 1)
      problems.push(`the sidebar needs scrolling (${nav.scrollHeight} > ${nav.clientHeight})`);

    const dialogs = [...document.querySelectorAll('[role=dialog], [role=alertdialog], .side-panel')].filter(shown);
    const scope: ParentNode = dialogs.at(-1) ?? document;
    const controls = [...scope.querySelectorAll('input:not([type=hidden]), button, select, textarea')].filter(shown);
    for (const el of controls) {
      const r = el.getBoundingClientRect();
      const box = el.parentElement?.closest('td, th, .panel, .modal, .card, .field');
      if (box) {
        const b = box.getBoundingClientRect();
        if (r.left < b.left - 1 || r.right > b.right + 1)
          problems.push(
            `${name(el)} sticks out of ${name(box)} (${Math.round(r.left)}–${Math.round(r.right)} outside ${Math.round(b.left)}–${Math.round(b.right)})`,
          );
      }
      const x = (r.left + r.right) / 2;
      const y = (r.top + r.bottom) / 2;
      if (!inView(el, x, y)) continue;
      const top = document.elementFromPoint(x, y);
      const label = el.closest('label');
      if (top && !el.contains(top) && !top.contains(el) && !(label && top.closest('label') === label))
        problems.push(`${name(el)} is covered by ${name(top)}`);
    }
    for (const el of [...scope.querySelectorAll('td, th, dd, .num')].filter(shown)) {
      const style = getComputedStyle(el);
      if (el.scrollWidth > el.clientWidth + 1 && style.overflowX !== 'auto' && style.overflowX !== 'scroll')
        problems.push(`${name(el)} is clipped (${el.scrollWidth} > ${el.clientWidth})`);
    }
    return problems;
  });
}
