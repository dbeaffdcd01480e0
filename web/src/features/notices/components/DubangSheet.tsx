// One 督办通知 as it prints: addressed to the urged area's office, with the area's figures and
// worst units as recorded at issue. The signature block is the same as a 催办通知单's (`issuer`).
import type { Notice } from '../../../../../shared/schemas/notices.js';
import { CATEGORY_LABELS, LAGGARD_CATEGORIES } from '../../../../../shared/domain/laggards.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { noticeProblems } from '../words.js';

/**
 * The urged area's office. Issue 24 item 1 derives each area's signing office (settings
 * `signingOffice`); until that is merged, the standard form of the name.
 */
/** the ideographic space (U+3000) official forms put between fields */
const IDEO = '\u3000';

const officeOf = (areaName: string) => `${areaName}人民政府办公室`;

export function DubangSheet({ notice, issuer }: { notice: Notice; issuer: string }) {
  const format = useFormat();
  const snapshot = notice.snapshot!;
  const { row } = snapshot;
  const categories = LAGGARD_CATEGORIES.filter((c) => (row.byCategory[c] ?? 0) > 0);
  const share = row.totalUnits ? `${Math.round(row.onboardedShare * 1000) / 10}%` : '—';
  return (
    <article className="notice-sheet" aria-label={notice.number}>
      <h1 className="notice-sheet__title">督办通知</h1>
      <p className="notice-sheet__number">{notice.number}</p>
      {notice.status === 'withdrawn' && <p className="notice-sheet__void">（本通知已撤回：{notice.withdrawn?.reason}）</p>}
      <p className="notice-sheet__to">{officeOf(notice.target.name)}：</p>
      <p className="notice-sheet__para">
        截至{format.longDate(notice.issuedOn)}，{notice.target.name}纳入政务专网接入的单位 {row.totalUnits} 个，已完成接入 {row.onboarded} 个（完成率 {share}），
        仍有 {row.laggards} 个单位进度落后{categories.length > 0 && <>，其中{categories.map((c) => `${CATEGORY_LABELS[c].zh} ${row.byCategory[c]} 个`).join('、')}</>}。
      </p>
      {snapshot.worst.length > 0 && (
        <>
          <p className="notice-sheet__para">进度最落后的单位：</p>
          <table className="notice-sheet__receipt">
            <thead>
              <tr>
                <th scope="col">单位</th>
                <th scope="col">存在的问题</th>
              </tr>
            </thead>
            <tbody>
              {snapshot.worst.map((w) => (
                <tr key={w.unit.id}>
                  <td>{w.unit.name}</td>
                  <td>{noticeProblems(w).join('；')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p className="notice-sheet__para">
        请你办督促上述单位加快整改，并于<strong>{format.longDate(notice.respondBy)}</strong>前登录政务专网接入进度系统答复督办落实情况，或书面报送{issuer}。
      </p>
      {notice.note && <p className="notice-sheet__para">附言：{notice.note}</p>}
      <div className="notice-sheet__sign">
        <p>{issuer}（盖章）</p>
        <p>{format.longDate(notice.issuedOn)}</p>
      </div>
      <p className="notice-sheet__foot">
        发出人：{notice.issuedBy.displayName}{IDEO}发出时间：{format.dateTime(notice.issuedAt)}
      </p>
    </article>
  );
}
