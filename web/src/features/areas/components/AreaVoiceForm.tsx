// An area's voice (docs/contract/areas.md "Each level's voice"): the 落款 its office signs with and
// the 文号 prefix of its notices and bulletins. Empty derives them from the area's name, shown as
// the placeholder and the value in force; saved on its own, keeping the deadlines as they are.
import { useState, type Dispatch, type FormEvent, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { noticeNumberOf } from '../../../../../shared/domain/voice.js';
import { ErrorNotice, SuccessNotice } from '../../../shared/components/ErrorNotice.js';
import { Field } from '../../../shared/components/Field.js';
import { useAreaSettings, useUpdateAreaSettings, type AreaOwnSettings, type EffectiveSettings } from '../api/area-settings.js';

type VoiceKey = 'signingOffice' | 'docPrefix';
type WithVoice = EffectiveSettings & { signingOffice?: string; docPrefix?: string; own?: Record<string, unknown> };

export function AreaVoiceForm({ area }: { area: string }) {
  const settings = useAreaSettings(area);
  // kept here: a save refetches the settings, which draws the fields afresh from the answer
  const [saved, setSaved] = useState(false);
  if (!settings.data) return null; // the deadlines' form above says loading and errors
  return <VoiceFields key={JSON.stringify(settings.data)} area={area} effective={settings.data as WithVoice} saved={saved} setSaved={setSaved} />;
}

function VoiceFields({ area, effective, saved, setSaved }: { area: string; effective: WithVoice; saved: boolean; setSaved: Dispatch<SetStateAction<boolean>> }) {
  const { t } = useTranslation();
  const own = (k: VoiceKey) => (typeof effective.own?.[k] === 'string' ? (effective.own[k] as string) : '');
  const [values, setValues] = useState<Record<VoiceKey, string>>({ signingOffice: own('signingOffice'), docPrefix: own('docPrefix') });
  const update = useUpdateAreaSettings(area);
  // what is in force when the box is empty: derived from the area's name (the server's answer)
  const derived = (k: VoiceKey) => (own(k) ? '' : (effective[k] ?? ''));
  const prefixInForce = values.docPrefix.trim() || derived('docPrefix') || effective.docPrefix || '';
  const year = new Date().getFullYear();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // the area's own deadlines go back as they are: a PUT replaces them (null inherits)
    const body = { ...(effective.own ?? {}), signingOffice: values.signingOffice.trim() || null, docPrefix: values.docPrefix.trim() || null };
    update.mutate(body as AreaOwnSettings, { onSuccess: () => setSaved(true) });
  };
  const field = (k: VoiceKey, hint: string) => (
    <Field label={t(`voice.${k}`)} hint={hint}>
      {(p) => (
        <input
          {...p}
          name={k}
          value={values[k]}
          placeholder={derived(k) || effective[k]}
          maxLength={k === 'docPrefix' ? 12 : 60}
          onChange={(e) => {
            setValues((v) => ({ ...v, [k]: e.target.value }));
            setSaved(false);
          }}
        />
      )}
    </Field>
  );

  return (
    <form className="form area-voice" onSubmit={submit} noValidate aria-labelledby="area-voice-title">
      <h2 id="area-voice-title">{t('voice.title')}</h2>
      <p className="muted">{t('voice.intro')}</p>
      {field('signingOffice', t('voice.signingOfficeHint', { office: effective.signingOffice ?? '' }))}
      {field('docPrefix', t('voice.docPrefixHint', { example: noticeNumberOf(prefixInForce, year, 3) }))}
      <ErrorNotice error={update.error} />
      <SuccessNotice>{saved ? t('settings.saved') : null}</SuccessNotice>
      <div className="button-row">
        <button type="submit" className="button" disabled={update.isPending}>{update.isPending ? t('app.saving') : t('voice.save')}</button>
      </div>
    </form>
  );
}
