// POST /api/auth/password: one's own password; the other sessions end, this one goes on.
import { useMutation } from '@tanstack/react-query';
import { authApi } from '../../../../../shared/api/auth.js';
import type { ChangePasswordBody } from '../../../../../shared/schemas/index.js';
import { call } from '../../../shared/api/call.js';

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => call(authApi.password, { body }),
  });
}
