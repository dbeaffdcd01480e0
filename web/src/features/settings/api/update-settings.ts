// PUT /api/settings (office): every date the dashboard shows follows the new time zone at once.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Settings } from '../../../../../shared/schemas/index.js';
import { settingsApi } from '../../../../../shared/api/settings.js';
import { call } from '../../../shared/api/call.js';
import { settingsKey } from '../../../shared/api/settings.js';
import { reportKeys } from '../../reports/index.js';
import { unitKeys } from '../../units/index.js';

export function useUpdateSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: Settings) => call(settingsApi.put, { body: settings }),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsKey, saved && typeof saved === 'object' && 'timezone' in saved ? saved : undefined);
      void queryClient.invalidateQueries({ queryKey: settingsKey });
      // deadlines and the laggard flags derive from the settings
      void queryClient.invalidateQueries({ queryKey: reportKeys.all });
      void queryClient.invalidateQueries({ queryKey: unitKeys.all });
    },
  });
}
