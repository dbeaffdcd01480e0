// POST /api/units (office)
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateUnit, Unit } from '../../../../../shared/schemas/index.js';
import { request } from '../../../shared/api/http.js';
import { reportsKey, unitKeys } from './keys.js';

export function useCreateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (unit: CreateUnit) => request<{ unit: Unit }>('/api/units', { method: 'POST', json: unit }).then((r) => r.unit),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: unitKeys.all });
      void queryClient.invalidateQueries({ queryKey: reportsKey });
    },
  });
}
