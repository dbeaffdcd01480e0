// PATCH /api/units/:id (office)
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unitsApi } from '../../../../../shared/api/units.js';
import type { PatchUnit, UnitDetail } from '../../../../../shared/schemas/index.js';
import { call } from '../../../shared/api/call.js';
import { reportsKey, unitKeys } from './keys.js';

export function useUpdateUnit(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: PatchUnit) =>
      call(unitsApi.patch, { params: { id }, body: changes }).then((r) => r.unit),
    onSuccess: (unit) => {
      // the PATCH answer has no flags or technician's name: keep the old ones until the refetch brings new ones
      queryClient.setQueryData<UnitDetail>(unitKeys.detail(id), (old) => old && { ...old, ...unit });
      void queryClient.invalidateQueries({ queryKey: unitKeys.all });
      void queryClient.invalidateQueries({ queryKey: reportsKey });
    },
  });
}
