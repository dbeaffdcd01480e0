// POST /api/units/assign (office): one technician for many units, picked by id or by area.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AssignUnits } from '../../../../../shared/schemas/index.js';
import { request } from '../../../shared/api/http.js';
import { unitKeys } from './keys.js';

export function useAssignUnits() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AssignUnits) => request<{ updated: number }>('/api/units/assign', { method: 'POST', json: body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: unitKeys.all }),
  });
}
