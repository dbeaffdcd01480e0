// One QueryClient: a 401 from any request means the session ended, so the shell shows the login page.
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { meKey } from '../features/auth/index.js';
import { isApiError } from '../shared/api/http.js';

export function createQueryClient(): QueryClient {
  const sessionEnded = (error: unknown) => {
    if (isApiError(error) && error.status === 401) client.setQueryData(meKey, null);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: sessionEnded }),
    mutationCache: new MutationCache({ onError: sessionEnded }),
    defaultOptions: {
      queries: {
        // only a lost connection is worth retrying; a 4xx answer will not change
        retry: (count, error) => isApiError(error) && error.code === 'NETWORK' && count < 2,
        staleTime: 15_000,
      },
      mutations: { retry: false },
    },
  });
  return client;
}
