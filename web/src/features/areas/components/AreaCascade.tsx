// Picks an area inside `root` (the user's scope; null = the whole installation), one select per
// level: province › city › county. What lies above the root is shown as text and cannot be
// chosen, so a picker never offers an area the user may not name.
import { useTranslation } from 'react-i18next';
import { CODE_LENGTH, levelOfCode, type AreaLevel } from '../../../../../shared/domain/areas.js';
import { useArea, useAreaChildren, pathBelow } from '../api/areas.js';
import { Field } from '../../../shared/components/Field.js';

const LEVEL_LENGTHS = [2, 4, 6] as const;

export interface AreaCascadeProps {
  /** the legend of the group */
  label: string;
  root: string | null;
  /** the chosen area; null = the root itself (or nothing, when `required`) */
  value: string | null;
  onChange: (code: string | null) => void;
  /** what the empty option of the first select says: "the root itself" (all of it) */
  emptyLabel?: string;
  /** the deepest level offered (county by default) */
  deepest?: AreaLevel;
  hint?: string;
  error?: string;
  disabled?: boolean;
}

export function AreaCascade({ label, root, value, onChange, emptyLabel, deepest = 'county', hint, error, disabled }: AreaCascadeProps) {
  const { t } = useTranslation();
  const rootArea = useArea(root);
  const stop = CODE_LENGTH[deepest];
  // the levels below the root, each a select; a level shows once the one above it is chosen
  const levels = LEVEL_LENGTHS.filter((n) => n > (root?.length ?? 0) && n <= stop);
  const chosen = value && (root === null || value.startsWith(root)) ? value : null;
  return (
    <fieldset className="area-cascade">
      <legend>{label}</legend>
      {root !== null && (
        <p className="area-cascade__root">
          {rootArea.data ? pathBelow(rootArea.data, null).map((a) => a.name).join(' › ') : root}
        </p>
      )}
      <div className="area-cascade__levels">
        {levels.map((n, i) => {
          const parent = i === 0 ? root : chosen && chosen.length >= levels[i - 1] ? chosen.slice(0, levels[i - 1]) : undefined;
          if (parent === undefined) return null;
          return (
            <LevelSelect
              key={n}
              parent={parent}
              level={levelOfCode('0'.repeat(n))!}
              value={chosen && chosen.length >= n ? chosen.slice(0, n) : ''}
              emptyLabel={i === 0 ? (emptyLabel ?? t('areas.anyArea')) : t('areas.wholeOf')}
              disabled={disabled}
              onChange={(code) => onChange(code || (i === 0 ? null : parent))}
            />
          );
        })}
      </div>
      {hint && <p className="field__hint">{hint}</p>}
      {error && <p className="field__error" role="alert">{error}</p>}
    </fieldset>
  );
}

function LevelSelect({ parent, level, value, emptyLabel, disabled, onChange }: { parent: string | null; level: AreaLevel; value: string; emptyLabel: string; disabled?: boolean; onChange: (code: string) => void }) {
  const { t } = useTranslation();
  const children = useAreaChildren(parent);
  return (
    <Field label={t(`areas.level.${level}`)}>
      {(p) => (
        <select {...p} value={value} disabled={disabled || !children.data} onChange={(e) => onChange(e.target.value)}>
          <option value="">{children.isPending ? t('app.loading') : emptyLabel}</option>
          {(children.data ?? []).map((a) => (
            <option key={a.code} value={a.code}>{a.name}</option>
          ))}
        </select>
      )}
    </Field>
  );
}
