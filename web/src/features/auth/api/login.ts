// POST /api/auth/login
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authApi } from '../../../../../shared/api/auth.js';
import type { LoginBody } from '../../../../../shared/schemas/index.js';
import { call } from '../../../shared/api/call.js';
import { useNavigate } from '@tanstack/react-router';
import { meKey } from './get-me.js';

export function useLogin() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (body: LoginBody) => call(authApi.login, { body }),
    onSuccess: ({ user }) => {
      // Whatever the previous user had loaded belongs to them.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
      // The page left open belongs to whoever was signed in before: start from the new user's
      // home, which the router picks for "/" (before the user is set, so no other page renders).
      void navigate({ to: '/', replace: true });
      queryClient.setQueryData(meKey, user);
    },
  });
}
