import { create } from 'zustand';

export interface ConfirmRequest {
  /** The question, in the user's language. */
  message: string;
  /** The word on the button that goes ahead ("Delete", "Pay"); "OK" when absent. */
  confirmLabel?: string;
  /** The button that goes ahead is red: the action cannot be undone. */
  danger?: boolean;
}

interface ConfirmState {
  open: (ConfirmRequest & { answer(yes: boolean): void }) | null;
}

/** The one question on screen, answered by <ConfirmHost>. */
export const useConfirmState = create<ConfirmState>(() => ({ open: null }));

/**
 * Ask before something costly or irreversible, in Daftar's own dialog (the browser's pop-up
 * speaks the browser's language and direction, and blocks the page). Resolves true to go ahead.
 */
export function confirmAction(request: ConfirmRequest): Promise<boolean> {
  return new Promise((resolve) => {
    // A second question replaces a first one still open, which counts as "no".
    useConfirmState.getState().open?.answer(false);
    useConfirmState.setState({
      open: {
        ...request,
        answer: (yes) => {
          useConfirmState.setState({ open: null });
          resolve(yes);
        },
      },
    });
  });
}
