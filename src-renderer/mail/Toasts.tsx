import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { onEvent } from '../api';
import { bounceReason } from './BounceList';

interface Toast {
  key: number;
  kind: 'ok' | 'error' | 'info';
  text: string;
  /** The server's own words (Latin, left to right), kept apart from the sentence. */
  detail?: string;
}

let next = 0;

/** Short notes in a corner: a message queued, sent, or not sent and why; the queue paused. */
export function Toasts() {
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<Toast[]>([]);

  useEffect(
    () =>
      onEvent('mail.changed', (e) => {
        let toast: Omit<Toast, 'key'> | null = null;
        if (e.status === 'queued' && !e.lastError && e.sourceTitle)
          toast = { kind: 'info', text: t('mail.queued', { title: e.sourceTitle }) };
        else if (e.status === 'sent' && e.sourceTitle)
          toast = { kind: 'ok', text: t('mail.sent', { title: e.sourceTitle }) };
        else if (e.status === 'failed' && e.sourceTitle)
          toast = { kind: 'error', text: t('mail.failed', { title: e.sourceTitle }), detail: e.lastError ?? undefined };
        else if (e.queue.paused)
          toast = {
            kind: 'error',
            text: t(`mail.pauses.${e.queue.reason ?? 'auth'}`),
          };
        if (!toast) return;
        const key = ++next;
        setToasts((list) => [...list.slice(-3), { ...toast, key }]);
        setTimeout(() => setToasts((list) => list.filter((x) => x.key !== key)), 8000);
      }),
    [t],
  );

  useEffect(
    () =>
      onEvent('mail.bounced', (e) => {
        const key = ++next;
        const text = t(e.kind === 'delayed' ? 'mail.delayed' : 'mail.bounced', {
          title: e.sourceTitle,
          recipient: e.recipient,
          reason: bounceReason(t, e.status, e.kind),
        });
        setToasts((list) => [...list.slice(-3), { key, kind: e.kind === 'delayed' ? 'info' : 'error', text }]);
        setTimeout(() => setToasts((list) => list.filter((x) => x.key !== key)), 12000);
      }),
    [t],
  );

  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.key} className={`toast toast-${toast.kind}`}>
          {toast.text}
          {toast.detail && (
            <div className="hint">
              <bdi dir="ltr">{toast.detail}</bdi>
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
