// GET/PUT /api/settings/help?area=: where an area's units register and whom they call (its own, and in force).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { settingsApi } from '../../../../../shared/api/settings.js';
import type { RegistrationHelp, RegistrationHelpBody } from '../../../../../shared/schemas/unit-help.js';
import { call } from '../../../shared/api/call.js';

/** `area` null: the installation's own values, every area's default. */
export const areaHelpKey = (area: string | null) => ['settings', 'help', area] as const;

export const useAreaHelp = (area: string | null) =>
  useQuery({ queryKey: areaHelpKey(area), queryFn: ({ signal }): Promise<RegistrationHelp> => call(settingsApi.getHelp, { query: area ? { area } : {}, signal }) });

export function useUpdateAreaHelp(area: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RegistrationHelpBody): Promise<RegistrationHelp> => call(settingsApi.putHelp, { query: area ? { area } : {}, body }),
    onSuccess: () => {
      // the areas below inherit, and every unit's page shows the values in force
      void queryClient.invalidateQueries({ queryKey: ['settings', 'help'] });
      void queryClient.invalidateQueries({ queryKey: ['units'] });
    },
  });
}
