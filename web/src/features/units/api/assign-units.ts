// POST /api/units/assign (office): one technician for many units, picked by id or by area.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unitsApi } from '../../../../../shared/api/units.js';
import type { AssignUnits } from '../../../../../shared/schemas/index.js';
import { call } from '../../../shared/api/call.js';
import { unitKeys } from './keys.js';

export function useAssignUnits() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AssignUnits) => call(unitsApi.assign, { body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: unitKeys.all }),
  });
}
