// 甘肃省 › 陇南市 › 宕昌县: the way back up, as far as the user's own scope and no further.
import { useTranslation } from 'react-i18next';
import { pathBelow, type AreaWithAncestors } from '../api/areas.js';

export function AreaBreadcrumb({ area, scope, onPick }: { area: AreaWithAncestors | null; scope: string | null; onPick: (code: string | null) => void }) {
  const { t } = useTranslation();
  const path = area ? pathBelow(area, scope) : [];
  // the whole installation is a step of its own for a user who may see it
  const steps = [...(scope === null ? [{ code: null as string | null, name: t('areas.everywhere') }] : []), ...path.map((a) => ({ code: a.code as string | null, name: a.name }))];
  if (steps.length <= 1 && scope === null && !area) return null;
  return (
    <nav className="area-crumbs" aria-label={t('areas.breadcrumb')}>
      <ol>
        {steps.map((s, i) =>
          i === steps.length - 1 ? (
            <li key={s.code ?? 'all'} aria-current="page">{s.name}</li>
          ) : (
            <li key={s.code ?? 'all'}>
              <button type="button" className="link-button" onClick={() => onPick(s.code)}>{s.name}</button>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}
