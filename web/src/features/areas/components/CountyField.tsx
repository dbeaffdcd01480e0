// The unit form's 所属区县: a county inside the user's scope, filled from a township's code as
// the server fills it (its first six digits), and said so.
import { useTranslation } from 'react-i18next';
import { countyOfTownshipCode, inScope } from '../../../../../shared/domain/areas.js';
import { useSessionUser } from '../../../shared/session/session.js';
import { useArea } from '../api/areas.js';
import { AreaCascade } from './AreaCascade.js';

/** The county a unit code names, when it is a township's 9- or 12-digit code inside `scope`. */
export function countyFromCode(code: string, scope: string | null): string | null {
  const county = countyOfTownshipCode(code.trim());
  return county && inScope(scope, county) ? county : null;
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
