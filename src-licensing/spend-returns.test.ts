import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { CHAIN_START, spendLinkMessage, type ChainedSpend } from '../src-shared/licensing/spend-chain';
import { sha256 } from './keys';
import { BACKENDS, startTestLicensing, type TestLicensing } from '../test-support/licensing/test-server';

// A return gives back an earlier message spend of the same desktop, once, for its amount; nothing else.
let L: TestLicensing;
afterEach(() => L?.close());

const api = async (path: string, body: unknown, token?: string) => {
  const res = await fetch(`${L.server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: (await res.json()) as any };
};
const register = async () =>
  (await api('/v1/register', { companyName: 'A', deviceName: 'B', installId: `install-${randomUUID()}` })).body;
const sync = (token: string, spends: unknown[]) => api('/v1/sync', { spends, sinceSeq: 0 }, token);

type Link = Omit<ChainedSpend, 'seq' | 'prevHash'>;
/** A desktop's chain as this version writes it: each link carries its reason and what it returns. */
class Chain {
  links: ChainedSpend[] = [];
  private hash = CHAIN_START;
  add(spend: Link): ChainedSpend {
    const link = { ...spend, seq: this.links.length + 1, prevHash: this.hash };
    this.hash = sha256(spendLinkMessage(this.hash, link));
    this.links.push(link);
    return link;
  }
  /** The link that would come next, not kept: a try the server may refuse. */
  next(spend: Link): ChainedSpend {
    return { ...spend, seq: this.links.length + 1, prevHash: this.hash };
  }
}
const message = (id: string, amount: number): Link => ({
  id,
  amount,
  createdAt: 't',
  reason: 'message',
  returns: null,
  link: 2,
});
/** Links as a desktop of the version before wrote them (no reason, no spend named), and the chain's last hash. */
function versionBeforeChain(spends: (readonly [string, number])[]) {
  let hash = CHAIN_START;
  const links = spends.map(([id, amount], i) => {
    const link = { id, amount, createdAt: 't', seq: i + 1, prevHash: hash };
    hash = sha256(JSON.stringify(['daftar-spend-v1', hash, link.seq, id, amount, 't']));
    return link;
  });
  return { links, hash };
}

const giveBack = (id: string, amount: number, returns: string): Link => ({
  id,
  amount: -amount,
  createdAt: 't',
  reason: 'return',
  returns,
  link: 2,
});

describe.each(BACKENDS)('returns at the licensing server on %s', (backend) => {
  it('refuses [{seq: 1, amount: -1000}]: a return of nothing marks the desktop out of sync and gives it nothing', async () => {
    L = await startTestLicensing(backend);
    const reg = await register();
    await sync(reg.deviceToken, []);
    const forged = { id: 'r1', amount: -1000, createdAt: '2026-11-27T08:00:00.000Z', seq: 1, prevHash: CHAIN_START };
    const answer = await sync(reg.deviceToken, [forged]);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      rejected: [{ id: 'r1', reason: 'bad_return' }],
      standing: { state: 'out_of_sync', reason: 'bad_return', atSeq: 1 },
      accountBalance: 5,
      deviceBalance: 5,
    });
    // The same desktop sends a true spend in that place instead: back in step.
    const honest = new Chain().add(message('m1', 1));
    expect((await sync(reg.deviceToken, [honest])).body).toMatchObject({ standing: { state: 'ok' }, deviceBalance: 4 });
  });

  it('takes a return only of an earlier message spend of the same desktop, once, for its amount', async () => {
    L = await startTestLicensing(backend);
    const reg = await register();
    const other = await register();
    await sync(reg.deviceToken, []);
    const theirs = new Chain().add(message('theirs', 3));
    expect((await sync(other.deviceToken, [theirs])).status).toBe(200);

    const chain = new Chain();
    chain.add(message('m1', 3));
    expect((await sync(reg.deviceToken, chain.links)).body.standing).toEqual({ state: 'ok' });
    const refused = [
      giveBack('nothing', 3, 'no-such-spend'),
      giveBack('more', 4, 'm1'),
      giveBack('less', 2, 'm1'),
      giveBack('another-desktops', 3, 'theirs'),
      { ...message('negative', 3), amount: -3 },
      { ...giveBack('positive', 3, 'm1'), amount: 3 },
    ];
    for (const attempt of refused) {
      const answer = await sync(reg.deviceToken, [...chain.links, chain.next(attempt)]);
      expect(answer.body, attempt.id).toMatchObject({
        rejected: [{ id: attempt.id, reason: 'bad_return' }],
        standing: { state: 'out_of_sync', reason: 'bad_return', atSeq: 2 },
        deviceBalance: 2,
      });
    }
    chain.add(giveBack('r1', 3, 'm1'));
    expect((await sync(reg.deviceToken, chain.links)).body).toMatchObject({
      standing: { state: 'ok' },
      deviceBalance: 5,
    });
    for (const attempt of [giveBack('twice', 3, 'm1'), giveBack('of-a-return', 3, 'r1')])
      expect((await sync(reg.deviceToken, [...chain.links, chain.next(attempt)])).body).toMatchObject({
        standing: { state: 'out_of_sync', reason: 'bad_return', atSeq: 3 },
        deviceBalance: 5,
      });
  });

  it('matches a return from a desktop of the version before (no link to what it returns) to an unreturned spend of its amount', async () => {
    L = await startTestLicensing(backend);
    const reg = await register();
    await sync(reg.deviceToken, []);
    // Chained as that version did: id, amount and time only.
    let hash = CHAIN_START;
    const spends = [2, 2, -2, -2, -2].map((amount, i) => {
      const link = { id: `s${i + 1}`, amount, createdAt: 't', seq: i + 1, prevHash: hash };
      hash = sha256(JSON.stringify(['daftar-spend-v1', hash, link.seq, link.id, amount, link.createdAt]));
      return link;
    });
    expect((await sync(reg.deviceToken, spends.slice(0, 4))).body).toMatchObject({
      standing: { state: 'ok' },
      deviceBalance: 5,
    });
    expect((await sync(reg.deviceToken, spends)).body).toMatchObject({
      rejected: [{ id: 's5', reason: 'bad_return' }],
      standing: { state: 'out_of_sync', reason: 'bad_return', atSeq: 5 },
      deviceBalance: 5,
    });
  });

  it('a desktop updated after the server matched its old returns by amount can still give back the other spend', async () => {
    L = await startTestLicensing(backend);
    const reg = await register();
    await sync(reg.deviceToken, []);
    // Before its update: X and Y of 2 each, then Y's return, which names nothing (taken as X's).
    const { links: old, hash } = versionBeforeChain([
      ['X', 2],
      ['Y', 2],
      ['rY', -2],
    ]);
    expect((await sync(reg.deviceToken, old)).body).toMatchObject({ standing: { state: 'ok' }, deviceBalance: 3 });
    // Updated, it gives X back, naming it; a second return of Y is still refused.
    const rX = { ...giveBack('rX', 2, 'X'), seq: 4, prevHash: hash };
    expect((await sync(reg.deviceToken, [rX])).body).toMatchObject({ standing: { state: 'ok' }, deviceBalance: 5 });
    const rY2 = { ...giveBack('rY2', 2, 'Y'), seq: 5, prevHash: sha256(spendLinkMessage(hash, rX)) };
    expect((await sync(reg.deviceToken, [rY2])).body).toMatchObject({
      standing: { state: 'out_of_sync', reason: 'bad_return', atSeq: 5 },
      deviceBalance: 5,
    });
  });

  it('a guess is never moved onto a spend made after its return: the spend it held stays given back', async () => {
    L = await startTestLicensing(backend);
    const reg = await register();
    await sync(reg.deviceToken, []);
    // Before its update: X of 2 and its return (naming nothing: it can only be X's), then Z of 2.
    const { links: old, hash } = versionBeforeChain([
      ['X', 2],
      ['rX', -2],
      ['Z', 2],
    ]);
    expect((await sync(reg.deviceToken, old)).body).toMatchObject({ standing: { state: 'ok' }, deviceBalance: 3 });
    // A hand-made return of X again, naming it: the guess may not move to Z, which came later.
    const again = { ...giveBack('rX2', 2, 'X'), seq: 4, prevHash: hash };
    expect((await sync(reg.deviceToken, [again])).body).toMatchObject({
      standing: { state: 'out_of_sync', reason: 'bad_return', atSeq: 4 },
      deviceBalance: 3,
    });
  });
});
