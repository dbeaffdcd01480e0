// Notices to print, one per A4 page: `?ids=a,b`, `?batchId=`, or `?status=` (all of that status).
import { useTranslation } from 'react-i18next';
import { Loading, PageError } from '../../../shared/components/StatusPage.js';
import { Link } from '@tanstack/react-router';
import { useSearchParams } from '../../../shared/router/search.js';
import { useNotices } from '../api/notices.js';
import { DubangSheet } from './DubangSheet.js';
import { NoticeSheet } from './NoticeSheet.js';

export function NoticePrintPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const ids = (params.get('ids') ?? '').split(',').filter(Boolean);
  const batchId = params.get('batchId') ?? undefined;
  const status = (params.get('status') ?? undefined) as 'open' | 'overdue' | undefined;
  const unitId = params.get('unitId') ?? undefined;
  const target = (params.get('target') ?? undefined) as 'unit' | 'area' | undefined;
  const list = useNotices({ batchId, status, unitId, target, pageSize: 500 });

  if (list.isPending) return <Loading />;
  if (list.isError) return <PageError error={list.error} onRetry={() => void list.refetch()} />;
  const items = ids.length ? list.data.items.filter((n) => ids.includes(n.id)) : list.data.items;
  // oldest number first, as they are filed
  const sheets = [...items].sort((a, b) => a.year - b.year || a.seq - b.seq);

  return (
    <>
      <p className="button-row no-print">
        <Link className="button button--secondary" to="/notices">
          ← {t('notices.back')}
        </Link>
        <button type="button" className="button" onClick={() => window.print()} disabled={sheets.length === 0}>
          {t('notices.printCount', { count: sheets.length })}
        </button>
      </p>
      {sheets.length === 0 ? <p className="empty">{t('notices.nothingToPrint')}</p> : sheets.map((n) => (n.snapshot ? <DubangSheet key={n.id} notice={n} issuer={n.issuer.signingOffice} /> : <NoticeSheet key={n.id} notice={n} />))}
    </>
  );
}
