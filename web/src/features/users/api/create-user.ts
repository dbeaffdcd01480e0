// POST /api/users (office)
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateUser, User } from '../../../../../shared/schemas/index.js';
import { request } from '../../../shared/api/http.js';
import { userKeys } from './keys.js';

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    // `scope` (api.md "Areas and scopes"): for office, viewer and technician users
    mutationFn: (user: CreateUser & { scope?: string | null }) => request<{ user: User }>('/api/users', { method: 'POST', json: user }).then((r) => r.user),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
