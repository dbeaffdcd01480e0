import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Outbox } from '../shared/outbox/outbox.js';
import { OutboxContext } from '../shared/outbox/react.js';
import { createAppOutbox, startOutbox } from './outbox.js';
import { persistQueries } from './persist.js';
import { createQueryClient } from './query-client.js';
import { Shell } from './Shell.js';

export function App({ client: given, outbox: givenOutbox }: { client?: QueryClient; outbox?: Outbox } = {}) {
  const [client] = useState(() => given ?? createQueryClient());
  const [outbox] = useState(() => givenOutbox ?? createAppOutbox(client));
  useEffect(() => startOutbox(outbox), [outbox]);
  useEffect(() => persistQueries(client), [client]);
  return (
    <QueryClientProvider client={client}>
      <OutboxContext.Provider value={outbox}>
        <Shell />
      </OutboxContext.Provider>
    </QueryClientProvider>
  );
}
