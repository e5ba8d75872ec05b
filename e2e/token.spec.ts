import { expect, test } from './support/fixtures';

test('the host refuses requests without the token and changes nothing', async ({ host, request }) => {
  const save = await request.post(`${host.origin}/api/call/parties.save`, {
    data: {
      kind: 'customer',
      code: '9',
      name: 'x',
      phone: '',
      address: '',
      taxNumber: '',
      jobTitle: '',
      notes: '',
      emails: '',
    },
  });
  expect(save.status()).toBe(401);
  expect((await request.get(`${host.origin}/`)).status()).toBe(401);
  expect((await request.get(`${host.origin}/api/events`)).status()).toBe(401);

  // With the token the book is reachable — and still empty.
  const token = new URL(host.url).searchParams.get('token');
  const list = await request.post(`${host.origin}/api/call/parties.list`, {
    headers: { authorization: `Bearer ${token}` },
    data: { kind: 'customer' },
  });
  expect(await list.json()).toEqual({ ok: true, value: { items: [], total: 0 } });
});
