import { create } from 'zustand';
import type { CreditsStatus } from '../../src-shared/api/credits.api';
import { call, onConnected, onEvent } from '../api';

interface CreditsState {
  status: CreditsStatus | null;
  syncing: boolean;
  load(): Promise<void>;
  sync(): Promise<void>;
}

export const useCredits = create<CreditsState>((set) => ({
  status: null,
  syncing: false,
  async load() {
    set({ status: await call('credits.status', {}) });
  },
  async sync() {
    set({ syncing: true });
    try {
      set({ status: await call('credits.sync', {}) });
    } finally {
      set({ syncing: false });
    }
  },
}));

/** Live balance and online state: pushed by the core, and a sync when the network comes back. */
export function watchCredits(): void {
  onConnected(
    () =>
      void useCredits
        .getState()
        .load()
        .catch(() => {}),
  );
  onEvent('credits.changed', (status) => useCredits.setState({ status }));
  window.addEventListener(
    'online',
    () =>
      void useCredits
        .getState()
        .sync()
        .catch(() => {}),
  );
  void useCredits
    .getState()
    .load()
    .catch(() => {});
}
