// PATCH /api/users/:id (office): disable, enable, reset the password, rename.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { usersApi } from '../../../../../shared/api/users.js';
import type { PatchUser } from '../../../../../shared/schemas/index.js';
import { call } from '../../../shared/api/call.js';
import { userKeys } from './keys.js';

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: PatchUser }) =>
      call(usersApi.update, { params: { id }, body: changes }).then((r) => r.user),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
