import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirmState, type ConfirmRequest } from './confirm';
import { useRestoreFocus } from './useRestoreFocus';

/** Shows the question confirmAction() asked; Enter goes ahead, Esc does not. */
export function ConfirmHost() {
  const open = useConfirmState((s) => s.open);
  return open ? <ConfirmDialog key={open.message} request={open} answer={open.answer} /> : null;
}

function ConfirmDialog({ request, answer }: { request: ConfirmRequest; answer(yes: boolean): void }) {
  const { t } = useTranslation();
  const yes = useRef<HTMLButtonElement>(null);
  useRestoreFocus();
  useEffect(() => yes.current?.focus(), []);
  const keys = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      answer(false);
    } else if (e.key === 'Tab') {
      // Focus stays inside the question until it is answered.
      const buttons = [...e.currentTarget.querySelectorAll('button')];
      const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
      e.preventDefault();
      buttons[(at + (e.shiftKey ? buttons.length - 1 : 1)) % buttons.length]?.focus();
    }
  };
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && answer(false)}>
      <div
        className="modal confirm-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-label={t('common.confirmTitle')}
        aria-describedby="confirm-message"
        onKeyDown={keys}
      >
        <header>
          <h2>{t('common.confirmTitle')}</h2>
        </header>
        <div className="modal-body">
          <p id="confirm-message">{request.message}</p>
          <div className="form-buttons">
            <button
              ref={yes}
              type="button"
              className={request.danger ? 'danger' : 'primary'}
              onClick={() => answer(true)}
            >
              {request.confirmLabel ?? t('common.ok')}
            </button>
            <button type="button" onClick={() => answer(false)}>
              {t('common.back')}
            </button>
          </div>
        </div>
      </div>
    </div>
  );
}
