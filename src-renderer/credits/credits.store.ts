import { create } from 'zustand';
import type { CreditsStatus } from '../../src-shared/api/credits.api';
import type { ErrorBody } from '../../src-shared/errors';
import { call, onConnected, onEvent } from '../api';
import { useApp } from '../app/app.store';
import { errorBody } from '../common/errors';

interface CreditsState {
  status: CreditsStatus | null;
  syncing: boolean;
  /** Why the status could not be read or synced, shown in the status bar until the next success. */
  error: ErrorBody | null;
  load(): Promise<void>;
  sync(): Promise<void>;
}

export const useCredits = create<CreditsState>((set) => ({
  status: null,
  syncing: false,
  error: null,
  async load() {
    try {
      set({ status: await call('credits.status', {}), error: null });
    } catch (error) {
      set({ error: errorBody(error) });
    }
  },
  async sync() {
    set({ syncing: true });
    try {
      set({ status: await call('credits.sync', {}), error: null });
    } catch (error) {
      set({ error: errorBody(error) });
    } finally {
      set({ syncing: false });
    }
  },
}));

/** Live balance and online state: pushed by the core, and a sync when the network comes back. */
export function watchCredits(): void {
  // Failures land in the store's error, which the status bar shows.
  onConnected(() => void useCredits.getState().load());
  onEvent('credits.changed', (status) => useCredits.setState({ status }));
  window.addEventListener('online', () => void useCredits.getState().sync());
  // Read before anyone signed in, the balance was refused: read again for whoever signs in.
  useApp.subscribe((state, before) => {
    if (state.user?.id !== before.user?.id && state.user) void useCredits.getState().load();
  });
  void useCredits.getState().load();
}
