// PATCH /api/units/:id (office)
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PatchUnit, Unit } from '../../../../../shared/schemas/index.js';
import { request } from '../../../shared/api/http.js';
import type { UnitRead } from './get-unit.js';
import { reportsKey, unitKeys } from './keys.js';

export function useUpdateUnit(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: PatchUnit) =>
      request<{ unit: Unit }>(`/api/units/${encodeURIComponent(id)}`, { method: 'PATCH', json: changes }).then((r) => r.unit),
    onSuccess: (unit) => {
      // the PATCH answer has no flags or technician's name: keep the old ones until the refetch brings new ones
      queryClient.setQueryData<UnitRead>(unitKeys.detail(id), (old) => ({ ...old, ...unit }));
      void queryClient.invalidateQueries({ queryKey: unitKeys.all });
      void queryClient.invalidateQueries({ queryKey: reportsKey });
    },
  });
}
