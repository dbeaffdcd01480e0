// POST /api/users (office)
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { usersApi } from '../../../../../shared/api/users.js';
import type { CreateUser } from '../../../../../shared/schemas/index.js';
import { call } from '../../../shared/api/call.js';
import { userKeys } from './keys.js';

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    // `scope` (docs/contract/api.md "Areas and scopes"): for office, viewer and technician users
    mutationFn: (user: CreateUser) => call(usersApi.create, { body: user }).then((r) => r.user),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
