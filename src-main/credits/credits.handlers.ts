import { creditsApi } from '../../src-shared/api/credits.api';
import { isOpenableUrl } from '../ports';
import type { DomainHandlers, Services } from '../registry';
import * as repo from './credits.repo';
import { ACCOUNT_KEY_KEY, type LicensingSync } from './sync';

export const creditsHandlers = (services: Services, sync: LicensingSync) =>
  ({
    'credits.status': () => sync.status(),
    'credits.sync': () => sync.syncNow(),
    'credits.orders': async () => ({
      orders: (await repo.listOrders(services.book.db)).map((o) => ({
        id: o.id,
        packs: o.packs,
        messages: o.messages,
        totalCents: o.total_cents,
        currency: o.currency,
        method: o.method as 'card' | 'paypal',
        state: o.state as 'pending' | 'paid' | 'cancelled',
        createdAt: o.created_at,
        updatedAt: o.updated_at,
      })),
    }),
    'credits.createOrder': async ({ packs, method }, ctx) => {
      const { order, checkoutUrl } = await sync.createOrder(packs, method, ctx.userId ?? '');
      // Electron opens the system browser; the Node host's window opens a tab itself.
      let opened = false;
      if (services.config.host === 'electron' && isOpenableUrl(checkoutUrl)) {
        await services.ports.opener.open(checkoutUrl);
        opened = true;
      }
      return { order, checkoutUrl, opened };
    },
    'credits.accountKey': async () => ({ accountKey: await services.ports.secrets.get(ACCOUNT_KEY_KEY) }),
    'credits.join': ({ accountKey }) => sync.join(accountKey),
  }) satisfies DomainHandlers<typeof creditsApi>;
