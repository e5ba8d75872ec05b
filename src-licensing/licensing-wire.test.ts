import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import {
  errorAnswer,
  joinAnswer,
  orderAnswer,
  ordersAnswer,
  registerAnswer,
  syncAnswer,
} from '../src-shared/licensing/wire';
import { BACKENDS } from '../test-support/licensing/test-server';
import { chain, test } from '../test-support/licensing/wire-client';

// The licensing server answers what the wire says, and refuses what does not fit it.
// Each test: a licensing server of its own (the wire fixture), on the describe's backend.

describe.each(BACKENDS)('licensing server on %s', (backend) => {
  test.override('licensingServer', [backend]);

  test('refuses bad input with 400 and a reason', async ({ wire: { api, register, syncDevice } }) => {
    const reg = await register();
    expect((await api('/v1/orders', { token: reg.deviceToken, body: { packs: 0, method: 'card' } })).status).toBe(400);
    expect((await api('/v1/orders', { token: reg.deviceToken, body: { packs: 1, method: 'cash' } })).status).toBe(400);
    const install = { installId: 'install-0123456789' };
    expect((await api('/v1/register', { body: { companyName: '', deviceName: 'x', ...install } })).body.code).toBe(
      'invalid_input',
    );
    // A desktop must say which install it is: the trial depends on it.
    expect((await api('/v1/register', { body: { companyName: 'A', deviceName: 'x' } })).status).toBe(400);
    expect((await syncDevice(reg.deviceToken, chain([{ id: 's', amount: 0, createdAt: 't' }]))).status).toBe(400);
    // Spends without their place in the chain are refused.
    expect((await syncDevice(reg.deviceToken, [{ id: 's', amount: 1, createdAt: 't' }])).status).toBe(400);
  });

  test('answers what the wire says, on each call a desktop makes', async ({
    wire: { api, register, syncDevice, payOrder },
  }) => {
    const reg = await register();
    expect(registerAnswer.parse(reg)).toEqual(reg);
    const joined = await api('/v1/join', { body: { accountKey: reg.accountKey, deviceName: 'الثاني' } });
    expect(joinAnswer.parse(joined.body)).toEqual(joined.body);
    const order = await api('/v1/orders', { token: reg.deviceToken, body: { packs: 2, method: 'card' } });
    expect(orderAnswer.parse(order.body)).toEqual(order.body);
    await payOrder(reg.deviceToken, 1);
    const spends = chain([{ id: 'spend-1', amount: 2, createdAt: new Date().toISOString() }]);
    for (const answer of [await syncDevice(reg.deviceToken, spends), await syncDevice(joined.body.deviceToken)]) {
      expect(answer.status).toBe(200);
      expect(syncAnswer.parse(answer.body)).toEqual(answer.body);
    }
    const listed = await api('/v1/orders', { token: reg.deviceToken });
    expect(ordersAnswer.parse(listed.body).orders).toHaveLength(2);
    // A gap: the answer still fits, with the desktop out of step.
    const gap = await syncDevice(
      reg.deviceToken,
      chain([{ id: 'spend-3', amount: 1, createdAt: 't' }], { seq: 5, hash: 'x' }),
    );
    expect(syncAnswer.parse(gap.body).standing).toMatchObject({ state: 'out_of_sync' });
    const refused = await api('/v1/join', { body: { accountKey: 'wrong-key-123456', deviceName: 'x' } });
    expect(errorAnswer.parse(refused.body)).toEqual(refused.body);
  });

  test('names each field of a request that does not fit the wire, and takes nothing of it', async ({
    wire: { L, api, register, syncDevice },
  }) => {
    const reg = await register();
    const [spend] = chain([{ id: 'spend-1', amount: 1, createdAt: new Date().toISOString() }]);
    const badSync = await syncDevice(reg.deviceToken, [{ ...spend, amount: '1' }]);
    expect(badSync).toMatchObject({
      status: 400,
      body: { code: 'invalid_input', issues: [{ field: 'spends.0.amount', message: expect.any(String) }] },
    });
    expect(badSync.body.message).toContain('spends.0.amount');
    expect(await L.ctx.store.db.selectFrom('spends').selectAll().execute()).toEqual([]);

    const badOrder = await api('/v1/orders', { token: reg.deviceToken, body: { packs: 1 } });
    expect(badOrder).toMatchObject({ status: 400, body: { code: 'invalid_input', issues: [{ field: 'method' }] } });
    const badJoin = await api('/v1/join', { body: { accountKey: reg.accountKey, deviceName: 7 } });
    expect(badJoin).toMatchObject({ status: 400, body: { code: 'invalid_input', issues: [{ field: 'deviceName' }] } });
    const extra = await api('/v1/register', {
      body: { companyName: 'A', deviceName: 'B', installId: `install-${randomUUID()}`, admin: true },
    });
    expect(extra).toMatchObject({ status: 400, body: { code: 'invalid_input', issues: [{ field: 'admin' }] } });
    expect(await L.ctx.store.db.selectFrom('devices').selectAll().execute()).toHaveLength(1);
  });
});
