// @vitest-environment jsdom
// The answers kept on the device for a page opened offline: restored for the user who left them,
// never for the next person at the device.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { QueryClient, dehydrate } from '@tanstack/react-query';
import { persistQueryClientSave } from '@tanstack/react-query-persist-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../shared/schemas/index.js';
import { createPersister, persistOptions, watchOwner } from '../../web/src/app/persist.js';
import { closeFieldDb, fieldDb } from '../../web/src/features/field/outbox/db.js';
import { office, technician } from './render.js';

const unitsKey = ['units', 'list', { page: 1 }];

beforeEach(() => {
  vi.stubGlobal('indexedDB', new IDBFactory());
  localStorage.clear();
});
afterEach(() => {
  closeFieldDb();
  vi.unstubAllGlobals();
});

/** A tab where `user` is signed in and has loaded a units page, its answers saved as the app saves them. */
async function sessionOf(user: SessionUser | null) {
  const client = new QueryClient();
  const persister = createPersister();
  const stop = watchOwner(client, persister);
  const options = persistOptions(client, persister);
  const meQuery = { queryKey: ['me'], queryFn: () => user };
  await client.fetchQuery(meQuery);
  await client.fetchQuery({ queryKey: unitsKey, queryFn: () => ({ items: [{ id: 'u1' }], total: 1 }) });
  await client.fetchQuery({ queryKey: ['audit', 1], queryFn: () => ({ items: [] }) });
  await persistQueryClientSave({ queryClient: client, persister, dehydrateOptions: options.dehydrateOptions });
  stop();
  return client;
}

/** What a reload restores: the query keys of the stored answers, or null when nothing is. */
async function restored() {
  closeFieldDb(); // a reload opens the database again
  const stored = await createPersister().restoreClient();
  return stored ? stored.clientState.queries.map((q) => q.queryKey[0]).sort() : null;
}

describe('the answers kept on the device', () => {
  it('come back after a reload for the same user: the session, the units, nothing else', async () => {
    await sessionOf(technician);
    expect(await restored()).toEqual(['me', 'units']);
  });

  it('are forgotten the moment another user signs in, before anything new is written', async () => {
    await sessionOf(technician);
    const client = new QueryClient();
    const persister = createPersister();
    watchOwner(client, persister);
    await client.fetchQuery({ queryKey: ['me'], queryFn: () => office });
    // gone from the device itself, not merely refused on the next restore
    await vi.waitFor(async () => expect(await (await fieldDb()).count('cache')).toBe(0));
    expect(await restored()).toBeNull();
  });

  it('are not kept for nobody: a logged-out device stores nothing and restores nothing', async () => {
    const client = await sessionOf(technician);
    const persister = createPersister();
    watchOwner(client, persister);
    client.setQueryData(['me'], null);
    // setQueryData is not a fetch: the session ends as the app sees it, by an answer
    await client.fetchQuery({ queryKey: ['me'], queryFn: () => null, staleTime: 0 });
    await persistQueryClientSave({ queryClient: client, persister, dehydrateOptions: persistOptions(client, persister).dehydrateOptions });
    expect(await restored()).toBeNull();
    expect(dehydrate(client, persistOptions(client, persister).dehydrateOptions).queries).toEqual([]);
  });

  it("keep a unit's backbone people (its page shows them offline), not the rest of training", async () => {
    const client = new QueryClient();
    const persister = createPersister();
    watchOwner(client, persister);
    await client.fetchQuery({ queryKey: ['me'], queryFn: () => technician });
    await client.fetchQuery({ queryKey: ['training', 'backbones', 'u1'], queryFn: () => ({ current: {}, history: [] }) });
    await client.fetchQuery({ queryKey: ['training', 'roster', 't1'], queryFn: () => [] });
    await persistQueryClientSave({ queryClient: client, persister, dehydrateOptions: persistOptions(client, persister).dehydrateOptions });
    closeFieldDb();
    const stored = await createPersister().restoreClient();
    expect(stored?.clientState.queries.map((q) => q.queryKey.join('/')).sort()).toEqual(['me', 'training/backbones/u1']);
  });

  it('are not restored when the device does not say whose they are', async () => {
    await sessionOf(technician);
    localStorage.removeItem('zw.cacheOwner');
    expect(await restored()).toBeNull();
  });
});
