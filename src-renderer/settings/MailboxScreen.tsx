import { NotLoaded } from '../common/NotLoaded';
import { useCall } from '../common/useCall';
import { MailboxForm } from './MailboxForm';

/** The sender mailbox's settings, once loaded. */
export function MailboxScreen() {
  const { value, error, reload } = useCall('mailbox.get', {});
  if (!value) return <NotLoaded error={error} onRetry={reload} />;
  return <MailboxForm initial={value} />;
}
