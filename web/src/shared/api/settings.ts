// GET /api/settings: the campaign's time zone and deadlines, read by every page that shows a date.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { DEFAULT_SETTINGS, type Settings } from '../../../../shared/schemas/index.js';
import { settingsApi } from '../../../../shared/api/settings.js';
import { call } from './call.js';

export const settingsKey = ['settings'] as const;

export const settingsQueryOptions = () =>
  queryOptions({
    queryKey: settingsKey,
    // without ?area= the answer is the installation's settings
    queryFn: ({ signal }): Promise<Settings> => call(settingsApi.get, { signal }),
    staleTime: 5 * 60_000,
  });

export function useSettings(): Settings {
  const { data } = useQuery(settingsQueryOptions());
  return data ?? DEFAULT_SETTINGS;
}
