// The unit form's 所属区县: a county inside the user's scope, filled from a township's code as
// the server fills it (its first six digits), and said so; only a township's code, and only when
// those digits name a county the picker offers (a department's 621200901 names no county).
import { useTranslation } from 'react-i18next';
import { countyOfTownshipCode, inScope } from '../../../../../shared/domain/areas.js';
import { useSessionUser } from '../../../shared/session/session.js';
import { useArea, useAreaChildren } from '../api/areas.js';
import { AreaCascade } from './AreaCascade.js';

/** The county a township's 9- or 12-digit code names inside `scope`, before asking whether it is one. */
export function countyFromCode(code: string, kind: string, scope: string | null): string | null {
  const county = kind === 'township' ? countyOfTownshipCode(code.trim()) : null;
  return county && inScope(scope, county) ? county : null;
}

/** `countyFromCode`, once the county is known to be a real one the user may pick: one of its city's counties. */
export function useCountyFromCode(code: string, kind: string, scope: string | null): string | null {
  const county = countyFromCode(code, kind, scope);
  // a county office's own county needs no asking (and its city lies outside its scope)
  const own = county !== null && county === scope;
  const siblings = useAreaChildren(county?.slice(0, 4) ?? null, county !== null && !own);
  if (own) return county;
  return county && siblings.data?.some((a) => a.code === county && a.level === 'county') ? county : null;
}

interface Props {
  value: string | null;
  onChange: (code: string | null) => void;
  /** the unit code the value was filled from, if it was */
  filledFrom: string | null;
  error?: string;
}

export function CountyField({ value, onChange, filledFrom, error }: Props) {
  const { t } = useTranslation();
  const user = useSessionUser();
  const county = useArea(filledFrom ? value : null);
  const hint = filledFrom && value ? t('areas.countyFromCode', { code: filledFrom, name: county.data?.area.name ?? value }) : t('areas.countyHint');
  return <AreaCascade label={t('areas.county')} root={user.scope} value={value} onChange={onChange} emptyLabel={t('areas.countyNone')} hint={hint} error={error} />;
}
