// The import preview's tables (bad rows, warnings, changes, names to confirm) share one shape: the
// file's row number first, then the columns each table adds. One component so they read alike.
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface RowColumn<T> {
  head: string;
  cell: (item: T) => ReactNode;
  style?: CSSProperties;
}

export function ImportRowTable<T extends { row: number }>({ items, columns }: { items: readonly T[]; columns: readonly RowColumn<T>[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr>
            <th scope="col" className="num">{t('import.row')}</th>
            {columns.map((c) => (
              <th scope="col" key={c.head}>{c.head}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {/* by position: two problems may name the same row */}
          {items.map((item, i) => (
            <tr key={i}>
              <td className="num">{item.row}</td>
              {columns.map((c) => (
                <td key={c.head} style={c.style}>{c.cell(item)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The unit as the file names it: its code unbroken, then its name. */
export function unitColumn<T extends { code: string; name: string }>(head: string): RowColumn<T> {
  return { head, cell: (u) => <><span style={NOWRAP}>{u.code}</span> {u.name}</> };
}

export const NOWRAP = { whiteSpace: 'nowrap' } as const;
