// One area's own deadlines: each shows the value in force and where it comes from (this area,
// an ancestor, the installation's default), and may be set here or cleared to inherit again.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { levelOfCode } from '../../../../../shared/domain/areas.js';
import { AreaOwnSettings as AreaOwnSchema, Settings } from '../../../../../shared/schemas/index.js';
import { SCORE_FIELDS, type ScoreField } from '../../../../../shared/domain/scorecard.js';
import { describeProblem } from '../../../shared/api/describe-error.js';
import { ErrorNotice, SuccessNotice } from '../../../shared/components/ErrorNotice.js';
import { Field } from '../../../shared/components/Field.js';
import { Loading, PageError } from '../../../shared/components/StatusPage.js';
import { AREA_SETTING_KEYS, useAreaSettings, useUpdateAreaSettings, type AreaOwnSettings, type AreaSettingKey, type EffectiveSettings, type Source } from '../api/area-settings.js';
import { useArea, type AreaWithAncestors } from '../api/areas.js';
import type { TFunction } from 'i18next';
import { dataKey, type I18nKey } from '../../../i18n/keys.js';

/** The rules' hints, where a label alone does not say enough. */
const HINTS: Partial<Record<AreaSettingKey, I18nKey>> = {
  registrationGraceDays: 'settings.registrationGraceHint',
  stallDays: 'settings.stallHint',
  postponementLimit: 'settings.postponementHint',
  backdateDays: 'settings.backdateHint',
  reviewDays: 'settings.reviewHint',
  lateJoinWiringDays: 'settings.lateJoinWiringHint',
  lateJoinConnectionDays: 'settings.lateJoinConnectionHint',
};
type Key = AreaSettingKey | ScoreField;
/** A number or a date: what the installation's schema takes for the key (so a new rule needs no entry here). */
const isNumber = (key: Key) => Settings.shape[key].safeParse(1).success;

/** 本县设置 / 继承自 陇南市 / 全局默认 */
export function sourceLabel(source: Source | undefined, area: string, tree: AreaWithAncestors | undefined, t: TFunction): string {
  const code = source ?? null;
  if (code === null) return t('areas.sourceDefault');
  if (code === area) return t(`areas.sourceOwn.${levelOfCode(area) ?? 'county'}`);
  const named = tree?.ancestors.find((a) => a.code === code)?.name;
  return t('areas.sourceInherited', { area: named ?? code });
}

export function AreaSettingsForm({ area }: { area: string }) {
  const settings = useAreaSettings(area);
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <PageError error={settings.error} onRetry={() => void settings.refetch()} />;
  return <OwnValuesForm key={JSON.stringify(settings.data)} area={area} effective={settings.data} />;
}

function OwnValuesForm({ area, effective }: { area: string; effective: EffectiveSettings }) {
  const { t } = useTranslation();
  const tree = useArea(area);
  const ownOf = effective.own as Partial<Record<Key, unknown>> | undefined;
  const own = (key: Key) => {
    const value = ownOf ? ownOf[key] : effective.sources?.[key as AreaSettingKey] === area ? effective[key] : null;
    return value === null || value === undefined ? '' : String(value);
  };
  const keys: readonly Key[] = [...AREA_SETTING_KEYS, ...SCORE_FIELDS];
  const [values, setValues] = useState<Record<Key, string>>(() => Object.fromEntries(keys.map((k) => [k, own(k)])) as Record<Key, string>);
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({});
  const [saved, setSaved] = useState(false);
  const update = useUpdateAreaSettings(area);
  const set = (key: Key, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
    setSaved(false);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // every rule goes back (a PUT replaces the area's own values; empty inherits), the voice is left out (kept)
    const body = {} as Record<Key, unknown>;
    const found: typeof errors = {};
    for (const key of keys) {
      const text = values[key].trim();
      if (text === '') {
        body[key] = null;
        continue;
      }
      const parsed = AreaOwnSchema.shape[key].safeParse(isNumber(key) ? Number(text) : text);
      if (parsed.success) body[key] = parsed.data;
      else found[key] = describeProblem(parsed.error.issues[0]?.message ?? 'invalid', t, key);
    }
    // the lines in force after the save: this area's, else (left empty) what it inherits now
    const line = (key: ScoreField) => (typeof body[key] === 'number' ? (body[key] as number) : own(key) === '' ? effective[key] : undefined);
    const green = line('scoreGreen');
    const yellow = line('scoreYellow');
    if (!found.scoreGreen && !found.scoreYellow && green !== undefined && yellow !== undefined && yellow >= green) found.scoreYellow = t('areas.scoreOrder', { green, yellow });
    setErrors(found);
    if (Object.keys(found).length) return;
    update.mutate(body as AreaOwnSettings, { onSuccess: () => setSaved(true) });
  };

  const row = (key: Key, label: string, hint: string | undefined, source: Source | undefined) => {
    const inForce = effective[key];
    const number = isNumber(key);
    return (
      <div key={key} className="area-setting">
        <Field label={label} hint={hint} error={errors[key]}>
          {(p) => (
            <div className="button-row">
              <input
                {...p}
                name={key}
                type={number ? 'number' : 'date'}
                inputMode={number ? 'numeric' : undefined}
                value={values[key]}
                onChange={(e) => set(key, e.target.value)}
              />
              <button type="button" className="button button--small button--secondary" disabled={values[key] === ''} onClick={() => set(key, '')} title={t('areas.inheritHint')}>
                {t('areas.inherit')}
                <span className="visually-hidden"> {label}</span>
              </button>
            </div>
          )}
        </Field>
        <p className="setting-source" data-testid={`source-${key}`}>
          {t('areas.effective', { value: inForce === null || inForce === undefined ? t('areas.notSet') : String(inForce) })} · {sourceLabel(source, area, tree.data, t)}
        </p>
      </div>
    );
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      {AREA_SETTING_KEYS.map((key) => row(key, t(dataKey(`settings.${key}`)), HINTS[key] && t(HINTS[key]), effective.sources?.[key]))}
      {/* the scorecard's colours (the leaders' view): green from, yellow from, else red */}
      <fieldset className="area-score">
        <legend>{t('areas.scoreTitle')}</legend>
        {row('scoreGreen', t('settings.scoreGreen'), t('leaders.scoreGreenHint'), effective.sources?.scoreGreen)}
        {row('scoreYellow', t('settings.scoreYellow'), t('leaders.scoreYellowHint'), effective.sources?.scoreYellow)}
      </fieldset>
      <ErrorNotice error={update.error} />
      <SuccessNotice>{saved ? t('settings.saved') : null}</SuccessNotice>
      <div className="button-row">
        <button type="submit" className="button" disabled={update.isPending}>{update.isPending ? t('app.saving') : t('app.save')}</button>
      </div>
    </form>
  );
}
