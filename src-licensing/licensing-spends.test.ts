import { describe, expect } from 'vitest';
import { BACKENDS } from '../test-support/licensing/test-server';
import { chain, test } from '../test-support/licensing/wire-client';

// The licensing server takes desktops’ spends: once each, chained, within what each desktop was allotted.
// Each test: a licensing server of its own (the wire fixture), on the describe's backend.

describe.each(BACKENDS)('licensing server on %s', (backend) => {
  test.override('licensingServer', [backend]);

  test('takes 100 concurrent uploads of the same spend once, and refuses the same id with other content', async ({
    wire: { register, syncDevice },
  }) => {
    const reg = await register();
    await syncDevice(reg.deviceToken);
    const [spend] = chain([{ id: 'spend-1', amount: 2, createdAt: '2026-11-27T08:00:00.000Z' }]);
    const answers = await Promise.all(Array.from({ length: 100 }, () => syncDevice(reg.deviceToken, [spend], 1)));
    expect(answers.every((a) => a.status === 200 && a.body.standing.state === 'ok')).toBe(true);
    expect((await syncDevice(reg.deviceToken, [], 1)).body).toMatchObject({ accountBalance: 3, deviceBalance: 3 });
    const rewritten = await syncDevice(reg.deviceToken, [{ ...spend, amount: 1 }], 1);
    expect(rewritten.body.rejected).toEqual([{ id: 'spend-1', reason: 'rewrite' }]);
    expect(rewritten.body).toMatchObject({
      accountBalance: 3,
      standing: { state: 'out_of_sync', reason: 'rewrite', atSeq: 1 },
    });
  });

  test('sees a gap in a desktop’s spends, allots it nothing meanwhile, and takes it back once the chain is whole', async ({
    wire: { register, syncDevice, payOrder },
  }) => {
    const reg = await register();
    await syncDevice(reg.deviceToken);
    const spends = chain([1, 1, 1].map((amount, i) => ({ id: `s${i + 1}`, amount, createdAt: `t${i}` })));
    const gap = await syncDevice(reg.deviceToken, [spends[0], spends[2]], 1);
    expect(gap.body.standing).toEqual({ state: 'out_of_sync', reason: 'gap', atSeq: 2 });
    expect(gap.body.rejected).toEqual([{ id: 's3', reason: 'gap' }]);
    await payOrder(reg.deviceToken, 1);
    expect((await syncDevice(reg.deviceToken, [], 1)).body).toMatchObject({ grants: [], deviceBalance: 4 });
    // The desktop restores its book and sends the whole chain: back in step, and allotted again.
    const whole = await syncDevice(reg.deviceToken, spends, 1);
    expect(whole.body).toMatchObject({ standing: { state: 'ok' }, rejected: [], deviceBalance: 1002 });
  });

  test('sees an overspend: more spent than was ever allotted to the desktop', async ({
    wire: { L, register, syncDevice },
  }) => {
    const reg = await register();
    await syncDevice(reg.deviceToken);
    const spends = chain([
      { id: 'a', amount: 4, createdAt: 't1' },
      { id: 'b', amount: 4, createdAt: 't2' },
    ]);
    const answer = await syncDevice(reg.deviceToken, spends, 1);
    expect(answer.body).toMatchObject({ deviceBalance: -3, standing: { state: 'out_of_sync', reason: 'overspend' } });
    const device = await L.ctx.store.db
      .selectFrom('devices')
      .select(['standing', 'standing_reason'])
      .executeTakeFirst();
    expect(device).toEqual({ standing: 'out_of_sync', standing_reason: 'overspend' });
  });

  test('keeps accounts apart: no other account’s orders, checkout or spends', async ({
    wire: { L, api, register, syncDevice },
  }) => {
    const a = await register('A');
    const b = await register('B');
    const order = (await api('/v1/orders', { token: a.deviceToken, body: { packs: 1, method: 'card' } })).body;
    expect((await api('/v1/orders', { token: b.deviceToken })).body.orders).toEqual([]);
    expect((await fetch(`${L.server.url}/sandbox/checkout/${order.order.id}?token=wrong`)).status).toBe(404);
    await syncDevice(a.deviceToken, chain([{ id: 'shared-id', amount: 1, createdAt: 't' }]));
    const stolen = await syncDevice(b.deviceToken, chain([{ id: 'shared-id', amount: 1, createdAt: 't' }]));
    expect(stolen.body.rejected).toEqual([{ id: 'shared-id', reason: 'conflict' }]);
    expect(stolen.body.accountBalance).toBe(5);
  });

  test('splits an account’s credits among three desktops so together they never exceed it', async ({
    wire: { api, register, syncDevice, payOrder },
  }) => {
    const first = await register();
    const second = (await api('/v1/join', { body: { accountKey: first.accountKey, deviceName: 'two' } })).body;
    const third = (await api('/v1/join', { body: { accountKey: first.accountKey, deviceName: 'three' } })).body;
    await payOrder(first.deviceToken, 1); // 1005 credits in all
    const granted = async (token: string) => (await syncDevice(token)).body.deviceBalance as number;
    const shares = [
      await granted(first.deviceToken),
      await granted(second.deviceToken),
      await granted(third.deviceToken),
    ];
    expect(shares.every((s) => s > 0)).toBe(true);
    // Repeated syncs hand out the rest, never more than the account has.
    for (let round = 0; round < 5; round++) for (const d of [first, second, third]) await granted(d.deviceToken);
    const totals = await Promise.all([first, second, third].map((d) => granted(d.deviceToken)));
    expect(totals.reduce((x, y) => x + y, 0)).toBe(1005);
    expect((await syncDevice(first.deviceToken)).body.accountBalance).toBe(1005);
  });
});
