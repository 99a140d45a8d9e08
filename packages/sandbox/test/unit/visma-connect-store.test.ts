import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectStore } from '../../src/visma/connect/store.js';

const graceByClient: Record<string, number> = { rotating: 5, reusing: 0 };

function newStore(): ConnectStore {
  return new ConnectStore({
    client: (clientId) => (clientId === 'known' ? { client_id: 'known' } : undefined),
    refreshGraceSeconds: (clientId) => graceByClient[clientId] ?? 0,
  });
}

describe('ConnectStore (oidc-provider adapter)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-01T12:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('hides the spend of a one-time refresh token during the grace period only, counted from the first spend', async () => {
    const Adapter = newStore().adapterClass();
    const tokens = new Adapter('RefreshToken');
    await tokens.upsert('rt1', { clientId: 'rotating', grantId: 'g1' }, 3600);
    await tokens.consume('rt1');
    expect(await tokens.find('rt1')).toEqual({ clientId: 'rotating', grantId: 'g1' });
    vi.advanceTimersByTime(4_000);
    await tokens.consume('rt1'); // a replay inside the grace period does not extend it
    vi.advanceTimersByTime(1_001);
    expect((await tokens.find('rt1'))?.consumed).toBe(Math.floor(Date.parse('2026-03-01T12:00:00Z') / 1000));
  });

  it('gives no grace to apps without one', async () => {
    const Adapter = newStore().adapterClass();
    const tokens = new Adapter('RefreshToken');
    await tokens.upsert('rt1', { clientId: 'reusing', grantId: 'g1' }, 3600);
    await tokens.consume('rt1');
    vi.advanceTimersByTime(1);
    expect((await tokens.find('rt1'))?.consumed).toBeTypeOf('number');
  });

  it('expires entries, and serves clients from the lookup', async () => {
    const Adapter = newStore().adapterClass();
    const codes = new Adapter('AuthorizationCode');
    await codes.upsert('c1', { grantId: 'g1' }, 60);
    vi.advanceTimersByTime(60_000);
    expect(await codes.find('c1')).toBeUndefined();
    const clients = new Adapter('Client');
    expect(await clients.find('known')).toEqual({ client_id: 'known' });
    expect(await clients.find('unknown')).toBeUndefined();
  });

  it("revokes a user's grants for one client with their tokens, leaving other grants and interactions alone", async () => {
    const store = newStore();
    const Adapter = store.adapterClass();
    const grants = new Adapter('Grant');
    const tokens = new Adapter('RefreshToken');
    const interactions = new Adapter('Interaction');
    await grants.upsert('g1', { accountId: 'ada', clientId: 'app' }, 3600);
    await grants.upsert('g2', { accountId: 'ben', clientId: 'app' }, 3600);
    await tokens.upsert('rt1', { grantId: 'g1', clientId: 'app' }, 3600);
    await tokens.upsert('rt2', { grantId: 'g2', clientId: 'app' }, 3600);
    await interactions.upsert('i1', { grantId: 'g1' }, 3600);
    store.setGrantTenant('g1', 'tenant-1');
    store.revokeGrantsOf('app', 'ada');
    expect(await grants.find('g1')).toBeUndefined();
    expect(await tokens.find('rt1')).toBeUndefined();
    expect(store.grantTenant('g1')).toBeUndefined();
    expect(await grants.find('g2')).toBeDefined();
    expect(await tokens.find('rt2')).toBeDefined();
    expect(await interactions.find('i1')).toBeDefined();
  });

  it('finds sessions by uid and forgets everything on clear()', async () => {
    const store = newStore();
    const sessions = new (store.adapterClass())('Session');
    await sessions.upsert('s1', { uid: 'u1', accountId: 'ada' }, 3600);
    expect(await sessions.findByUid('u1')).toEqual({ uid: 'u1', accountId: 'ada' });
    store.setGrantTenant('g1', 'tenant-1');
    store.clear();
    expect(await sessions.findByUid('u1')).toBeUndefined();
    expect(await sessions.find('s1')).toBeUndefined();
    expect(store.grantTenant('g1')).toBeUndefined();
  });
});
