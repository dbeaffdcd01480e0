// Office: the campaign's time zone, default deadlines and laggard thresholds.
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Settings } from '../../../../../shared/schemas/index.js';
import { describeProblem } from '../../../shared/api/describe-error.js';
import { settingsQueryOptions } from '../../../shared/api/settings.js';
import { ErrorNotice, SuccessNotice } from '../../../shared/components/ErrorNotice.js';
import { Field } from '../../../shared/components/Field.js';
import { Loading, PageError } from '../../../shared/components/StatusPage.js';
import { useUpdateSettings } from '../api/update-settings.js';
import { useSessionUser } from '../../../shared/session/session.js';
import { AreaCascade, AreaHelpForm, AreaSettingsForm, AreaVoiceForm, useAreaParam } from '../../areas/index.js';

// the home area has its own picker (an area, not a field of text)
type Key = Exclude<keyof Settings, 'homeArea'>;
type Values = Record<Key, string>;
const NUMBERS: Key[] = ['registrationGraceDays', 'stallDays', 'postponementLimit', 'scoreGreen', 'scoreYellow', 'backdateDays', 'reviewDays', 'lateJoinWiringDays', 'lateJoinConnectionDays', 'reportBackDays'];
const TEXTS: Key[] = ['timezone', 'signingOffice'];

export function SettingsPage() {
  const { t } = useTranslation();
  const user = useSessionUser();
  // the area whose own deadlines are edited (?area=); none: the installation's defaults, which
  // only a whole-installation office may change, so a scoped office starts on its own scope
  const [area, setArea] = useAreaParam();
  const current = area ?? user.scope;
  return (
    <section>
      <h1>{t('settings.title')}</h1>
      <AreaCascade label={t('areas.settingsArea')} hint={t('areas.settingsAreaHint')} root={user.scope} value={area} onChange={setArea} emptyLabel={user.scope ? t('areas.wholeOf') : t('areas.settingsInstallation')} />
      {current ? <AreaSettingsForm key={current} area={current} /> : <InstallationSettings />}
      {current && <AreaVoiceForm key={`voice-${current}`} area={current} />}
      <AreaHelpForm key={`help-${current ?? ''}`} area={current} />
    </section>
  );
}

function InstallationSettings() {
  const settings = useQuery(settingsQueryOptions());
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <PageError error={settings.error} onRetry={() => void settings.refetch()} />;
  return <SettingsForm initial={settings.data} />;
}

function SettingsForm({ initial }: { initial: Settings & { homeArea?: string | null } }) {
  const { t } = useTranslation();
  const { homeArea: initialHome, ...rest } = initial;
  const [values, setValues] = useState<Values>(() => Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v === null ? '' : String(v)])) as Values);
  // 本系统所在地区: where a unit naming no county goes (docs/contract/areas.md); absent from an older server
  const [homeArea, setHomeArea] = useState<string | null>(initialHome ?? null);
  const [homeError, setHomeError] = useState<string | undefined>();
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({});
  const [saved, setSaved] = useState(false);
  const update = useUpdateSettings();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(values) as [Key, string][]) {
      input[key] = NUMBERS.includes(key) ? (value.trim() === '' ? NaN : Number(value)) : TEXTS.includes(key) ? value.trim() : value || null;
    }
    // a unit goes to a county: the home area is one (the server refuses any other level)
    if (homeArea !== null && homeArea.length !== 6) {
      setErrors({});
      setHomeError(t('areas.countyRequired'));
      return;
    }
    setHomeError(undefined);
    const parsed = Settings.safeParse(input);
    if (!parsed.success) {
      const found: typeof errors = {};
      for (const issue of parsed.error.issues) found[issue.path[0] as Key] ??= issue.message;
      setErrors(found);
      return;
    }
    setErrors({});
    update.mutate(initialHome === undefined && homeArea === null ? parsed.data : ({ ...parsed.data, homeArea } as Settings), { onSuccess: () => setSaved(true) });
  };

  const field = (key: Key, type: string, hint?: string) => (
    <Field label={t(`settings.${key}`)} hint={hint} error={errors[key] && describeProblem(errors[key], t, key)} required={type !== 'date'}>
      {(p) => (
        <input
          {...p}
          name={key}
          type={type}
          inputMode={type === 'number' ? 'numeric' : undefined}
          min={type === 'number' ? (key === 'registrationGraceDays' ? 0 : 1) : undefined}
          value={values[key]}
          onChange={(e) => { setValues((v) => ({ ...v, [key]: e.target.value })); setSaved(false); }}
        />
      )}
    </Field>
  );

  return (
    <>
      <form className="form" onSubmit={submit} noValidate>
        {field('timezone', 'text', t('settings.timezoneHint'))}
        <div className="form-grid">
          {field('wiringDue', 'date')}
          {field('connectionDue', 'date')}
        </div>
        {/* a warning, not a refusal: the office may have its reasons */}
        {values.wiringDue && values.connectionDue && values.connectionDue < values.wiringDue && (
          <p className="notice notice--warn" role="status">{t('settings.connectionBeforeWiring')}</p>
        )}
        <div className="form-grid">
          {field('registrationGraceDays', 'number', t('settings.registrationGraceHint'))}
          {field('stallDays', 'number', t('settings.stallHint'))}
          {field('postponementLimit', 'number', t('settings.postponementHint'))}
        </div>
        {/* the scorecard's colours (leaders' view): share onboarded green from, yellow from, else red */}
        <div className="form-grid">
          {field('scoreGreen', 'number', t('leaders.scoreGreenHint'))}
          {field('scoreYellow', 'number', t('leaders.scoreYellowHint'))}
        </div>
        {/* "The record": backdating, the office's review limit, late joiners' due dates */}
        <div className="form-grid">
          {field('backdateDays', 'number', t('settings.backdateHint'))}
          {field('reviewDays', 'number', t('settings.reviewHint'))}
          {field('lateJoinWiringDays', 'number', t('settings.lateJoinWiringHint'))}
          {field('lateJoinConnectionDays', 'number', t('settings.lateJoinConnectionHint'))}
        </div>
        {/* training (docs/contract/training.md): the backbone's due date, the report-back limit */}
        <div className="form-grid">
          {field('backboneDue', 'date')}
          {field('reportBackDays', 'number')}
        </div>
        {field('signingOffice', 'text', t('settings.signingOfficeHint'))}
        <AreaCascade label={t('areas.homeArea')} hint={t('areas.homeAreaHint')} root={null} value={homeArea} onChange={(code) => { setHomeArea(code); setHomeError(undefined); setSaved(false); }} emptyLabel={t('areas.homeAreaNone')} error={homeError} />
        <ErrorNotice error={update.error} />
        <SuccessNotice>{saved ? t('settings.saved') : null}</SuccessNotice>
        <div className="button-row">
          <button type="submit" className="button" disabled={update.isPending}>{update.isPending ? t('app.saving') : t('app.save')}</button>
        </div>
      </form>
    </>
  );
}
