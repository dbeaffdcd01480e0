// POST /api/units (office)
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unitsApi } from '../../../../../shared/api/units.js';
import type { CreateUnit } from '../../../../../shared/schemas/index.js';
import { call } from '../../../shared/api/call.js';
import { reportsKey, unitKeys } from './keys.js';

export function useCreateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (unit: CreateUnit) => call(unitsApi.create, { body: unit }).then((r) => r.unit),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: unitKeys.all });
      void queryClient.invalidateQueries({ queryKey: reportsKey });
    },
  });
}
