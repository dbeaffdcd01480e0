// POST /api/auth/logout
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '../../../shared/api/http.js';
import { meKey } from './get-me.js';

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => request<void>('/api/auth/logout', { method: 'POST' }),
    onSettled: () => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
      queryClient.setQueryData(meKey, null);
    },
  });
}
