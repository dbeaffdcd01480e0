// The printable bulletin (通报): A4, nothing but the text and one table per category on paper.
// Its totals and its tables are read with the same filters, and its heading names them. It
// speaks with the issuing area's voice (docs/contract/areas.md "Each level's voice"); an office
// may issue it, which stores it as it stands under the next number (IssueBulletin).
import { useTranslation } from 'react-i18next';
import { Loading, PageError } from '../../../shared/components/StatusPage.js';
import { useSettings } from '../../../shared/api/settings.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { Link, useSearch } from '@tanstack/react-router';
import { addresseeOf, addresseeOffices, kindWord } from '../../../../../shared/domain/voice.js';
import { laggardFiltersFrom, useAllLaggards } from '../api/get-laggards.js';
import { useSummary } from '../api/get-summary.js';
import { bulletinSummary, scopeText } from '../bulletin.js';
import { useSessionUser } from '../../../shared/session/session.js';
import { BulletinAreas, fullName, useArea, useAreaChildren, useAreaSettings } from '../../areas/index.js';
import { signed } from '../../../shared/components/Change.js';
import { BulletinView } from './BulletinView.js';
import { IssueBulletin, IssuedBulletins } from './IssueBulletin.js';

export function BulletinPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const settings = useSettings();
  const { page: _page, ...filters } = laggardFiltersFrom(useSearch({ strict: false }));
  const { category: _category, urged: _urged, ...unitScope } = filters;
  // the units the bulletin covers: the same kind, parent code and search as its list
  const summary = useSummary(unitScope);
  const report = useAllLaggards(filters);
  // the area it covers: the one chosen on the board, else the user's own scope
  const user = useSessionUser();
  const areaCode = filters.area ?? user.scope ?? null;
  const area = useArea(areaCode);
  const areaName = area.data ? fullName(area.data) : undefined;
  // who speaks: the user's own area, else the area covered, else the installation's home area
  const issuerCode = user.scope ?? areaCode ?? settings.homeArea ?? null;
  const issuerArea = useArea(issuerCode);
  const issuerSettings = useAreaSettings(issuerCode);
  const children = useAreaChildren(areaCode, areaCode !== null && areaCode.length < 6);
  const addressee = children.data ? addresseeOf(children.data) : null;

  // the voice and the addressee are part of the page: it is not drawn without them
  const voicePending = (issuerCode !== null && (issuerArea.isPending || issuerSettings.isPending)) || (areaCode !== null && areaCode.length < 6 && children.isPending);
  if (summary.isPending || report.isPending || (areaCode && area.isPending) || voicePending) return <Loading />;
  if (summary.isError || report.isError) return <PageError error={summary.error ?? report.error} onRetry={() => { void summary.refetch(); void report.refetch(); }} />;

  const laggards = report.data.items;
  const date = format.date(report.data.asOf);
  const share = format.percent(summary.data.onboarded, summary.data.totalUnits);
  const whole = issuerCode && issuerArea.data ? `全${kindWord(issuerArea.data.area)}` : '全县';
  const signingOffice = issuerSettings.data?.signingOffice ?? settings.signingOffice ?? '';
  const text = bulletinSummary({ date, share, summary: summary.data, listed: laggards.length, filters, areaName, whole, addressed: addressee ?? undefined }, t);

  return (
    <>
      <p className="button-row no-print">
        <Link className="button button--secondary" to="/laggards" search={filters}>← {t('reports.bulletinBack')}</Link>
        <button type="button" className="button" onClick={() => window.print()}>{t('app.print')}</button>
        {user.role === 'office' && <IssueBulletin filters={filters} date={date} signingOffice={signingOffice} />}
      </p>
      <BulletinView
        title={areaName ? t('areas.bulletinTitle', { area: areaName }) : t('reports.bulletinTitle')}
        scope={scopeText(filters, t)}
        date={date}
        text={text}
        // what changed since a week before: the units that moved, not only the totals
        change={
          summary.data.previous && summary.data.change
            ? t('leaders.bulletinChange', { date: format.date(summary.data.previous.asOf), ...summary.data.change, laggardsDelta: signed(summary.data.laggards - summary.data.previous.laggards) })
            : null
        }
        addressee={addressee ? addresseeOffices(addressee) : null}
        laggards={laggards}
        filters={filters}
        // a city or a province ranks its counties (cities) and names each one's worst units
        areas={areaCode && areaCode.length < 6 ? <BulletinAreas area={areaCode} filters={filters} /> : null}
        signingOffice={signingOffice}
        signedOn={date}
      />
      {(user.role === 'office' || user.role === 'viewer') && <IssuedBulletins area={areaCode} />}
    </>
  );
}
