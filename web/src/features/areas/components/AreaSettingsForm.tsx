// One area's own deadlines: each shows the value in force and where it comes from (this area,
// an ancestor, the installation's default), and may be set here or cleared to inherit again.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { levelOfCode } from '../../../../../shared/domain/areas.js';
import { Settings } from '../../../../../shared/schemas/index.js';
import { describeProblem } from '../../../shared/api/describe-error.js';
import { ErrorNotice, SuccessNotice } from '../../../shared/components/ErrorNotice.js';
import { Field } from '../../../shared/components/Field.js';
import { Loading, PageError } from '../../../shared/components/StatusPage.js';
import { AREA_SETTING_KEYS, useAreaSettings, useUpdateAreaSettings, type AreaOwnSettings, type AreaSettingKey, type EffectiveSettings, type Source } from '../api/area-settings.js';
import { useArea, type AreaWithAncestors } from '../api/areas.js';
import type { TFunction } from 'i18next';
import { dataKey, type I18nKey } from '../../../i18n/keys.js';

const NUMBERS: readonly AreaSettingKey[] = ['registrationGraceDays', 'stallDays', 'postponementLimit', 'backdateDays', 'reviewDays', 'lateJoinWiringDays', 'lateJoinConnectionDays'];
const HINTS: Partial<Record<AreaSettingKey, I18nKey>> = { registrationGraceDays: 'settings.registrationGraceHint', stallDays: 'settings.stallHint', postponementLimit: 'settings.postponementHint',
  backdateDays: 'settings.backdateHint',
  reviewDays: 'settings.reviewHint',
  lateJoinWiringDays: 'settings.lateJoinWiringHint',
  lateJoinConnectionDays: 'settings.lateJoinConnectionHint',
};

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
  const own = (key: AreaSettingKey) => {
    const value = effective.own ? effective.own[key] : effective.sources?.[key] === area ? effective[key] : null;
    return value === null || value === undefined ? '' : String(value);
  };
  const [values, setValues] = useState<Record<AreaSettingKey, string>>(() => Object.fromEntries(AREA_SETTING_KEYS.map((k) => [k, own(k)])) as Record<AreaSettingKey, string>);
  const [errors, setErrors] = useState<Partial<Record<AreaSettingKey, string>>>({});
  const [saved, setSaved] = useState(false);
  const update = useUpdateAreaSettings(area);
  const set = (key: AreaSettingKey, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setSaved(false);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {} as Record<AreaSettingKey, unknown>;
    const found: typeof errors = {};
    for (const key of AREA_SETTING_KEYS) {
      const text = values[key].trim();
      if (text === '') {
        body[key] = null; // inherit
        continue;
      }
      const parsed = Settings.shape[key].safeParse(NUMBERS.includes(key) ? Number(text) : text);
      if (parsed.success) body[key] = parsed.data;
      else found[key] = parsed.error.issues[0]?.message ?? 'invalid';
    }
    setErrors(found);
    if (Object.keys(found).length) return;
    update.mutate(body as AreaOwnSettings, { onSuccess: () => setSaved(true) });
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      {AREA_SETTING_KEYS.map((key) => {
        const inForce = effective[key];
        const number = NUMBERS.includes(key);
        return (
          <div key={key} className="area-setting">
            <Field label={t(dataKey(`settings.${key}`))} hint={HINTS[key] && t(HINTS[key])} error={errors[key] && describeProblem(errors[key], t, key)}>
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
                    <span className="visually-hidden"> {t(`settings.${key}`)}</span>
                  </button>
                </div>
              )}
            </Field>
            <p className="setting-source" data-testid={`source-${key}`}>
              {t('areas.effective', { value: inForce === null ? t('areas.notSet') : String(inForce) })} · {sourceLabel(effective.sources?.[key], area, tree.data, t)}
            </p>
          </div>
        );
      })}
      <ErrorNotice error={update.error} />
      <SuccessNotice>{saved ? t('settings.saved') : null}</SuccessNotice>
      <div className="button-row">
        <button type="submit" className="button" disabled={update.isPending}>{update.isPending ? t('app.saving') : t('app.save')}</button>
      </div>
    </form>
  );
}
