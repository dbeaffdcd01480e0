// A scope in words: "甘肃省陇南市", or "全部地区" for the whole installation.
import { useTranslation } from 'react-i18next';
import { fullName, useArea } from '../api/areas.js';

export function ScopeName({ code }: { code: string | null }) {
  const { t } = useTranslation();
  const area = useArea(code);
  if (code === null) return <>{t('areas.everywhere')}</>;
  return <>{area.data ? fullName(area.data) : code}</>;
}
