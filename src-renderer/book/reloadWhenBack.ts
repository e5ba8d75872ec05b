import { call } from '../api';

/** Until the host has opened the book again (after a restore, or a move to the office): then the page starts afresh. */
export async function reloadWhenBack(): Promise<void> {
  for (let i = 0; i < 300; i++) {
    await new Promise((r) => setTimeout(r, 500));
    try {
      const info = await call('app.info', {});
      if (info.restoredFrom || !info.damaged) return location.reload();
    } catch {
      // still restarting
    }
  }
}
