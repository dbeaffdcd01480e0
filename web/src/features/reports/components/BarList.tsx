// Horizontal bars with their numbers written out: readable without the colours.
export interface Bar {
  key: string;
  label: string;
  value: number;
  text: string;
}

export function BarList({ bars, max, tone }: { bars: Bar[]; max?: number; tone?: 'danger' }) {
  const top = max ?? Math.max(1, ...bars.map((b) => b.value));
  return (
    <ul className="bars">
      {bars.map((bar) => (
        <li key={bar.key}>
          <div className="bar__label">
            <span>{bar.label}</span>
            <strong>{bar.text}</strong>
          </div>
          <div className="bar__track" aria-hidden="true">
            <div className={tone === 'danger' ? 'bar__fill bar__fill--danger' : 'bar__fill'} style={{ width: `${top > 0 ? Math.min(100, (bar.value / top) * 100) : 0}%` }} />
          </div>
        </li>
      ))}
    </ul>
  );
}
