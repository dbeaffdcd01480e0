// One 催办通知单 as it prints: A4, the issuing office (the notice's own issuer and its level word), the number, the unit, each problem with
// its days late in words a unit reads, what to do, the respond-by date, seal and signature lines.
import type { Notice } from '../../../../../shared/schemas/notices.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { chineseOrdinal, noticeActions, noticeProblems } from '../words.js';

/** the ideographic space (U+3000) with which Chinese forms leave room to write by hand */
const IDEO = '\u3000';

export function NoticeSheet({ notice }: { notice: Notice }) {
  const format = useFormat();
  // who issued it, as it was signed then (docs/contract/areas.md "Each level's voice")
  const issuer = notice.issuer.signingOffice;
  const problems = noticeProblems(notice);
  const actions = noticeActions(notice);
  return (
    <article className="notice-sheet" aria-label={notice.number}>
      <h1 className="notice-sheet__title">催办通知单</h1>
      <p className="notice-sheet__number">{notice.number}</p>
      {notice.status === 'withdrawn' && <p className="notice-sheet__void">（本通知已撤回：{notice.withdrawn?.reason}）</p>}
      <p className="notice-sheet__to">{notice.unit.name}（单位编码 {notice.unit.code}）：</p>
      <p className="notice-sheet__para">
        根据政务专网接入工作安排，经核查，截至{format.longDate(notice.issuedOn)}，你单位政务专网接入工作存在以下问题：
      </p>
      <ol className="notice-sheet__list">
        {problems.map((p, i) => (
          <li key={i}>
            {chineseOrdinal(i)}、{p}。
          </li>
        ))}
      </ol>
      <p className="notice-sheet__para">请你单位：</p>
      <ol className="notice-sheet__list">
        {actions.map((a, i) => (
          <li key={i}>
            {i + 1}. {a}；
          </li>
        ))}
        <li>
          {actions.length + 1}. 于<strong>{format.longDate(notice.respondBy)}</strong>前，由单位联络员登录政务专网接入进度系统答复整改情况，或书面报送{issuer}。
        </li>
      </ol>
      {notice.note && <p className="notice-sheet__para">附言：{notice.note}</p>}
      <p className="notice-sheet__para">逾期未整改或未答复的，将在{notice.issuer.whole}通报。</p>
      <div className="notice-sheet__sign">
        <p>{issuer}（盖章）</p>
        <p>{format.longDate(notice.issuedOn)}</p>
      </div>
      <table className="notice-sheet__receipt">
        <tbody>
          <tr>
            <th scope="row">签收单位</th>
            <td>{notice.unit.name}</td>
            <th scope="row">签收人</th>
            <td className="notice-sheet__blank" />
          </tr>
          <tr>
            <th scope="row">联系电话</th>
            <td className="notice-sheet__blank" />
            <th scope="row">签收日期</th>
            <td className="notice-sheet__blank">{IDEO}{IDEO}年{IDEO}{IDEO}月{IDEO}{IDEO}日</td>
          </tr>
        </tbody>
      </table>
      <p className="notice-sheet__foot">
        发出人：{notice.issuedBy.displayName}{IDEO}发出时间：{format.dateTime(notice.issuedAt)}
      </p>
    </article>
  );
}
