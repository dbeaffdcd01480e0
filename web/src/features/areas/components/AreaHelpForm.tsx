// Where an area's units register (issue 27, "no dead ends"): the application platform's address
// and its helpdesk phone, shown on a unit's page at the 申报 step. Empty inherits the area above
// (else the installation's); saved on its own, apart from the deadlines.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RegistrationHelpBody, type RegistrationHelp } from '../../../../../shared/schemas/unit-help.js';
import { describeProblem } from '../../../shared/api/describe-error.js';
import { ErrorNotice, SuccessNotice } from '../../../shared/components/ErrorNotice.js';
import { Field } from '../../../shared/components/Field.js';
import { useAreaHelp, useUpdateAreaHelp } from '../api/area-help.js';

type HelpKey = keyof RegistrationHelpBody;
const KEYS: readonly HelpKey[] = ['platformUrl', 'helpdeskPhone'];

/** `area` null: the installation's values (a whole-installation office's default for every area). */
export function AreaHelpForm({ area }: { area: string | null }) {
  const help = useAreaHelp(area);
  const [saved, setSaved] = useState(false);
  if (!help.data) return null; // the deadlines' form above says loading and errors
  return <HelpFields key={JSON.stringify(help.data)} area={area} help={help.data} saved={saved} setSaved={setSaved} />;
}

function HelpFields({ area, help, saved, setSaved }: { area: string | null; help: RegistrationHelp; saved: boolean; setSaved: (v: boolean) => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<HelpKey, string>>({ platformUrl: help.own.platformUrl ?? '', helpdeskPhone: help.own.helpdeskPhone ?? '' });
  const [errors, setErrors] = useState<Partial<Record<HelpKey, string>>>({});
  const update = useUpdateAreaHelp(area);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = RegistrationHelpBody.safeParse({ platformUrl: values.platformUrl.trim() || null, helpdeskPhone: values.helpdeskPhone.trim() || null });
    if (!parsed.success) {
      const found: typeof errors = {};
      for (const issue of parsed.error.issues) found[issue.path[0] as HelpKey] ??= describeProblem(issue.message, t, String(issue.path[0]));
      setErrors(found);
      return;
    }
    setErrors({});
    update.mutate(parsed.data, { onSuccess: () => setSaved(true) });
  };

  return (
    <form className="form area-help" onSubmit={submit} noValidate aria-labelledby="area-help-title">
      <h2 id="area-help-title">{t('areas.helpTitle')}</h2>
      <p className="muted">{t('areas.helpIntro')}</p>
      {KEYS.map((k) => (
        <div key={k} className="area-setting">
          <Field label={t(`areas.${k}`)} hint={t(`areas.${k}Hint`)} error={errors[k]}>
            {(p) => (
              <input
                {...p}
                name={k}
                type={k === 'platformUrl' ? 'url' : 'tel'}
                inputMode={k === 'platformUrl' ? 'url' : 'tel'}
                value={values[k]}
                placeholder={help.effective[k] ?? undefined}
                onChange={(e) => {
                  setValues((v) => ({ ...v, [k]: e.target.value }));
                  setErrors((x) => ({ ...x, [k]: undefined }));
                  setSaved(false);
                }}
              />
            )}
          </Field>
          <p className="setting-source" data-testid={`help-${k}`}>{t('areas.helpInForce', { value: help.effective[k] ?? t('areas.notSet') })}</p>
        </div>
      ))}
      <ErrorNotice error={update.error} />
      <SuccessNotice>{saved ? t('settings.saved') : null}</SuccessNotice>
      <div className="button-row">
        <button type="submit" className="button" disabled={update.isPending}>{update.isPending ? t('app.saving') : t('areas.helpSave')}</button>
      </div>
    </form>
  );
}
