// PATCH /api/users/:id (office): disable, enable, reset the password, rename.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PatchUser, User } from '../../../../../shared/schemas/index.js';
import { request } from '../../../shared/api/http.js';
import { userKeys } from './keys.js';

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: PatchUser }) =>
      request<{ user: User }>(`/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', json: changes }).then((r) => r.user),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
