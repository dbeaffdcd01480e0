import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import type { Outbox } from '../shared/outbox/outbox.js';
import { OutboxContext } from '../shared/outbox/react.js';
import { createAppHistory } from '../shared/router/history.js';
import { createAppOutbox, startOutbox } from './outbox.js';
import { persistQueries } from './persist.js';
import { createQueryClient } from './query-client.js';
import { createAppRouter } from './routes.js';

export function App({ client: given, outbox: givenOutbox }: { client?: QueryClient; outbox?: Outbox } = {}) {
  const [client] = useState(() => given ?? createQueryClient());
  const [outbox] = useState(() => givenOutbox ?? createAppOutbox(client));
  const [router] = useState(() => createAppRouter(client, createAppHistory()));
  useEffect(() => startOutbox(outbox), [outbox]);
  useEffect(() => persistQueries(client), [client]);
  return (
    <QueryClientProvider client={client}>
      <OutboxContext.Provider value={outbox}>
        <RouterProvider router={router} />
      </OutboxContext.Provider>
    </QueryClientProvider>
  );
}
