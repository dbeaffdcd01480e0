// GET/PUT /api/settings?area=: an area's effective deadlines, where each comes from, and its own values.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Settings } from '../../../../../shared/schemas/index.js';
import { request, toQuery } from '../../../shared/api/http.js';

/** The deadlines an area may set for itself; the time zone and the signing office stay the installation's. */
export const AREA_SETTING_KEYS = ['wiringDue', 'connectionDue', 'registrationGraceDays', 'stallDays', 'postponementLimit'] as const;
export type AreaSettingKey = (typeof AREA_SETTING_KEYS)[number];

/** Which area a value comes from: its code (api.md), or the area itself; null = the installation's default. */
export type Source = string | { code: string; name?: string } | null;
export const sourceCode = (s: Source | undefined): string | null => (s === undefined || s === null ? null : typeof s === 'string' ? s : s.code);

export type EffectiveSettings = Settings & {
  sources?: Partial<Record<AreaSettingKey, Source>>;
  /** the area's own values (null: inherited); without it, a value whose source is the area is its own */
  own?: Partial<Record<AreaSettingKey, string | number | null>>;
  homeArea?: string | null;
};
/** What an area stores: null inherits. */
export type AreaOwnSettings = { [K in AreaSettingKey]: Settings[K] | null };

export const areaSettingsKey = (area: string | null) => ['settings', 'area', area] as const;

export const areaSettingsQueryOptions = (area: string | null) =>
  queryOptions({
    queryKey: areaSettingsKey(area),
    queryFn: ({ signal }) => request<EffectiveSettings>(`/api/settings${toQuery({ area })}`, { signal }),
  });

export const useAreaSettings = (area: string | null) => useQuery(areaSettingsQueryOptions(area));

export function useUpdateAreaSettings(area: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: AreaOwnSettings) => request<EffectiveSettings>(`/api/settings${toQuery({ area })}`, { method: 'PUT', json: values }),
    onSuccess: () => {
      // the areas below inherit, and every laggard flag derives from the deadlines
      void queryClient.invalidateQueries({ queryKey: ['settings'] });
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
      void queryClient.invalidateQueries({ queryKey: ['units'] });
    },
  });
}
