// The units a batch leaves out, each with the reason and the notice that holds it back; the
// office ticks the ones it wants urged all the same (sent as `include`).
import { useTranslation } from 'react-i18next';
import type { BatchSkipped } from '../../../../../shared/schemas/notices.js';
import { useFormat } from '../../../shared/lib/use-format.js';

/** a checkbox and its words on one line, big enough for a finger */
const CHECK = { display: 'flex', gap: '0.5rem', alignItems: 'flex-start', minHeight: '2.25rem' } as const;

export function SkippedUnits({ skipped, include, onChange }: { skipped: BatchSkipped[]; include: string[]; onChange: (ids: string[]) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (skipped.length === 0) return null;
  const toggle = (id: string, on: boolean) => onChange(on ? [...include, id] : include.filter((x) => x !== id));
  return (
    <fieldset className="skipped-units">
      <legend>{t('dubang.skippedTitle', { count: skipped.length })}</legend>
      <p className="muted">{t('dubang.skippedHint')}</p>
      <ul className="plain-list">
        {skipped.map((s) => {
          // a unit's id, or an area's code in a batch of 督办: what `include` names
          const id = s.unitId ?? s.areaCode ?? '';
          return (
          <li key={id}>
            <label style={CHECK}>
              <input type="checkbox" checked={include.includes(id)} onChange={(e) => toggle(id, e.target.checked)} />
              <span>
                <strong>{s.unit.name}</strong> <span className="muted">{s.unit.code}</span>
                <br />
                {t(`dubang.skipReason.${s.reason}`)}
                {s.notice && <span className="muted">（{s.notice.number}，{format.date(s.notice.issuedOn)}）</span>}
              </span>
            </label>
          </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
