// A filter bar's area: the user's scope's children, drill-down style, bound to `?area=`. Not shown
// to a county's users: there is nothing narrower to choose.
import { useTranslation } from 'react-i18next';
import { useSessionUser } from '../../../shared/session/session.js';
import { useAreaParam } from '../use-area-param.js';
import { AreaCascade } from './AreaCascade.js';

/** Whether the user's scope holds more than one county (the whole installation or a city, a province). */
export const widerThanCounty = (scope: string | null) => scope === null || scope.length < 6;

export function AreaFilter() {
  const { t } = useTranslation();
  const user = useSessionUser();
  const [area, setArea] = useAreaParam();
  if (!widerThanCounty(user.scope)) return null;
  return <AreaCascade label={t('areas.filter')} root={user.scope} value={area} onChange={(code) => setArea(code)} emptyLabel={t('app.all')} />;
}

/** A unit's county in a list: its name when the server gives it, else its code. */
export const countyOf = (unit: object) => {
  const placed = unit as { areaCode?: string | null; areaName?: string | null };
  return placed.areaName ?? placed.areaCode ?? '—';
};
