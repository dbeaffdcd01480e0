// The dry run's rows that would make a second unit of a name (docs/import.md): each confirmed by
// its own checkbox, since a shared name is more often a mistyped code than a new body.
import { useTranslation } from 'react-i18next';
import type { NameConfirmation } from '../../../../../../shared/schemas/index.js';
import { ImportRowTable, unitColumn } from './ImportRowTable.js';

export function ImportNames({ items, confirmed, onToggle }: { items: NameConfirmation[]; confirmed: ReadonlySet<number>; onToggle: (row: number, on: boolean) => void }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  const pending = items.filter((c) => !confirmed.has(c.row)).length;
  return (
    <>
      <h2>{t('codes.namesTitle')}</h2>
      <p>{t('codes.namesIntro')}</p>
      <ImportRowTable
        items={items}
        columns={[
          unitColumn<NameConfirmation>(t('import.unit')),
          { head: t('codes.usedBy'), cell: (c) => c.usedBy.join(t('problem.separator')) },
          {
            head: t('codes.confirm'),
            cell: (c) => <input type="checkbox" checked={confirmed.has(c.row)} aria-label={t('codes.confirmRow', { row: c.row, name: c.name })} onChange={(e) => onToggle(c.row, e.target.checked)} />,
          },
        ]}
      />
      {pending > 0 && <p className="notice notice--warn">{t('codes.pending', { count: pending })}</p>}
    </>
  );
}
