// The office that signs notices: the settings' signing office once it is set, else the default text.
import { useTranslation } from 'react-i18next';
import { useSettings } from '../../../shared/api/settings.js';

export function useIssuer(): string {
  const { t } = useTranslation();
  const settings = useSettings() as { issuer?: string | null };
  return settings.issuer || t('reports.bulletinIssuer');
}
