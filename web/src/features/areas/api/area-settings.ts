// GET/PUT /api/settings?area=: an area's effective deadlines, where each comes from, and its own values.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { settingsApi } from '../../../../../shared/api/settings.js';
import { AREA_RULE_FIELDS } from '../../../../../shared/domain/deadlines.js';
import type { ScoreField } from '../../../../../shared/domain/scorecard.js';
import type { AreaSettings, Settings } from '../../../../../shared/schemas/index.js';
import { call } from '../../../shared/api/call.js';

/**
 * The values an area may set for itself: the rules' own list (shared/domain/deadlines.ts), so a
 * rule added there reaches this form; the time zone and the signing office stay the installation's.
 */
export const AREA_SETTING_KEYS = AREA_RULE_FIELDS;
export type AreaSettingKey = (typeof AREA_SETTING_KEYS)[number];

/** Which area a value comes from: its code; null = the installation's default. */
export type Source = AreaSettings['sources'][AreaSettingKey];

/**
 * What GET /api/settings?area= answers: the area's values in force, its own (null: inherited) and
 * their sources; the installation's shape, without the last two, is read the same way.
 */
export type EffectiveSettings = Settings & Partial<Pick<AreaSettings, 'area' | 'own' | 'sources'>>;
/** What an area stores: null inherits; the scorecard's lines (absent: the voice form keeps them as they are). */
export type AreaOwnSettings = { [K in AreaSettingKey]?: Settings[K] | null } & { [K in ScoreField]?: number | null };

export const areaSettingsKey = (area: string | null) => ['settings', 'area', area] as const;

export const areaSettingsQueryOptions = (area: string | null) =>
  queryOptions({
    queryKey: areaSettingsKey(area),
    queryFn: ({ signal }): Promise<EffectiveSettings> => call(settingsApi.get, { query: { area }, signal }),
  });

export const useAreaSettings = (area: string | null) => useQuery(areaSettingsQueryOptions(area));

export function useUpdateAreaSettings(area: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: AreaOwnSettings): Promise<EffectiveSettings> => call(settingsApi.put, { query: { area }, body: values }),
    onSuccess: () => {
      // the areas below inherit, and every laggard flag derives from the deadlines
      void queryClient.invalidateQueries({ queryKey: ['settings'] });
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
      void queryClient.invalidateQueries({ queryKey: ['units'] });
    },
  });
}
