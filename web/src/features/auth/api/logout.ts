// POST /api/auth/logout
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authApi } from '../../../../../shared/api/auth.js';
import { call } from '../../../shared/api/call.js';
import { meKey } from './get-me.js';

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(authApi.logout),
    onSettled: () => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
      queryClient.setQueryData(meKey, null);
    },
  });
}
