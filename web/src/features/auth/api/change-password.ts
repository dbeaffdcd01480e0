// POST /api/auth/password: one's own password; the other sessions end, this one goes on.
import { useMutation } from '@tanstack/react-query';
import type { ChangePasswordBody } from '../../../../../shared/schemas/index.js';
import { request } from '../../../shared/api/http.js';

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => request<void>('/api/auth/password', { method: 'POST', json: body }),
  });
}
