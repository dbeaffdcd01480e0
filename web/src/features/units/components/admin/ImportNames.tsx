// The dry run's rows that would make a second unit of a name (docs/import.md): each confirmed by
// its own checkbox, since a shared name is more often a mistyped code than a new body.
import { useTranslation } from 'react-i18next';
import type { NameConfirmation } from '../../../../../../shared/schemas/index.js';

export function ImportNames({ items, confirmed, onToggle }: { items: NameConfirmation[]; confirmed: ReadonlySet<number>; onToggle: (row: number, on: boolean) => void }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  const pending = items.filter((c) => !confirmed.has(c.row)).length;
  return (
    <>
      <h2>{t('codes.namesTitle')}</h2>
      <p>{t('codes.namesIntro')}</p>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col" className="num">{t('import.row')}</th>
              <th scope="col">{t('import.unit')}</th>
              <th scope="col">{t('codes.usedBy')}</th>
              <th scope="col">{t('codes.confirm')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.row}>
                <td className="num">{c.row}</td>
                <td>
                  <span style={NOWRAP}>{c.code}</span> {c.name}
                </td>
                <td>{c.usedBy.join(t('problem.separator'))}</td>
                <td>
                  <input type="checkbox" checked={confirmed.has(c.row)} aria-label={t('codes.confirmRow', { row: c.row, name: c.name })} onChange={(e) => onToggle(c.row, e.target.checked)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pending > 0 && <p className="notice notice--warn">{t('codes.pending', { count: pending })}</p>}
    </>
  );
}

const NOWRAP = { whiteSpace: 'nowrap' } as const;
