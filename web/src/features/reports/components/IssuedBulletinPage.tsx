// An issued bulletin (通报), as it was issued: drawn from its stored content only, so that it
// prints the same pages whatever has been recorded since.
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Bulletin } from '../../../../../shared/schemas/bulletins.js';
import { Loading, PageError } from '../../../shared/components/StatusPage.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { BulletinAreasView } from '../../areas/index.js';
import type { RollupRow } from '../../../../../shared/schemas/areas.js';
import { useBulletin } from '../api/bulletins.js';
import { bulletinSummary, scopeText } from '../bulletin.js';
import type { LaggardFilters } from '../api/types.js';
import { BulletinView } from './BulletinView.js';

export function IssuedBulletinPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const bulletin = useBulletin(id);
  if (bulletin.isPending) return <Loading />;
  if (bulletin.isError) return <PageError error={bulletin.error} onRetry={() => void bulletin.refetch()} />;
  return <Issued bulletin={bulletin.data as Bulletin} />;
}

function Issued({ bulletin }: { bulletin: Bulletin }) {
  const { t } = useTranslation();
  const format = useFormat();
  const c = bulletin.content;
  const filters = bulletin.filters as LaggardFilters;
  const date = format.date(c.asOf);
  const share = format.percent(c.summary.onboarded, c.summary.totalUnits);
  const listed = c.laggards.length;
  const addressed = c.addressee ? c.addressee.replace(/人民政府办公室$/, '') : undefined;
  const text = bulletinSummary({ date, share, summary: c.summary, listed, filters, areaName: c.areaFullName ?? undefined, whole: c.voice.whole, addressed }, t);
  return (
    <>
      <p className="button-row no-print">
        <Link className="button button--secondary" to="/laggards/bulletin" search={filters}>← {t('reports.bulletinBack')}</Link>
        <button type="button" className="button" onClick={() => window.print()}>{t('app.print')}</button>
      </p>
      <p className="notice no-print" role="note">{t('voice.issuedNote', { number: bulletin.number, date: format.dateTime(bulletin.issuedAt) })}</p>
      <BulletinView
        number={bulletin.number}
        title={c.areaFullName ? t('areas.bulletinTitle', { area: c.areaFullName }) : t('reports.bulletinTitle')}
        scope={scopeText(filters, t)}
        date={date}
        text={text}
        addressee={c.addressee}
        laggards={c.laggards}
        filters={filters}
        areas={c.area && c.rollup ? <BulletinAreasView area={c.area.code} rows={c.rollup as unknown as RollupRow[]} worst={c.worst} /> : null}
        signingOffice={bulletin.signingOffice}
        signedOn={format.date(bulletin.issuedAt)}
      />
    </>
  );
}
