import type { QueryClient } from '@tanstack/react-query';
import { PersistQueryClientProvider } from '@tanstack/react-query-persist-client';
import { RouterProvider } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { type Outbox, OutboxContext } from '../features/field/index.js';
import { createAppHistory } from '../shared/router/history.js';
import { startOfflineCache } from './offline-cache.js';
import { createAppOutbox, startOutbox } from './outbox.js';
import { createPersister, persistOptions, watchOwner } from './persist.js';
import { createQueryClient } from './query-client.js';
import { createAppRouter } from './routes.js';

export function App({ client: given, outbox: givenOutbox }: { client?: QueryClient; outbox?: Outbox } = {}) {
  const [client] = useState(() => given ?? createQueryClient());
  const [outbox] = useState(() => givenOutbox ?? createAppOutbox(client));
  const [router] = useState(() => createAppRouter(client, createAppHistory()));
  // what the server said last time, so a page opened offline is not empty: queries wait for it
  const [persister] = useState(createPersister);
  const [options] = useState(() => persistOptions(client, persister));
  useEffect(() => startOutbox(outbox), [outbox]);
  useEffect(() => watchOwner(client, persister), [client, persister]);
  // a technician's units kept on the device, for the day without a signal
  useEffect(() => startOfflineCache(client, outbox), [client, outbox]);
  return (
    <PersistQueryClientProvider client={client} persistOptions={options}>
      <OutboxContext.Provider value={outbox}>
        <RouterProvider router={router} />
      </OutboxContext.Provider>
    </PersistQueryClientProvider>
  );
}
