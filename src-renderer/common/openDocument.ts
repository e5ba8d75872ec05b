import type { DocumentTarget } from '../../src-shared/api/print.api';
import { call } from '../api';
import { useApp } from '../app/app.store';
import { useVouchers } from '../vouchers/vouchers.store';

/** Go to the document a message carried: the voucher in its screen, or the statement as it was sent. */
export async function openDocument(source: DocumentTarget): Promise<void> {
  const { go } = useApp.getState();
  if (source.kind === 'voucher') {
    const voucher = await call('vouchers.get', { id: source.id });
    useVouchers.setState({ pendingOpen: source.id });
    go({ screen: 'vouchers', type: voucher.type });
  } else {
    go({
      screen: 'statement',
      which: source.kind === 'employeeStatement' ? 'employee' : 'account',
      show: source.input,
    });
  }
}
