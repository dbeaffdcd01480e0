// Counting and narrowing laggard rows on the client.
import { LAGGARD_CATEGORIES, type Laggard, type LaggardCategory } from './api/types.js';

export function countByCategory(items: readonly Laggard[]): { category: LaggardCategory; count: number }[] {
  return LAGGARD_CATEGORIES.map((category) => ({
    category,
    count: items.filter((l) => l.flags.some((f) => f.category === category)).length,
  }));
}

/** The search box narrows the rows the report sent (name or code contains). */
export function narrowLaggards(items: readonly Laggard[], { q }: { q?: string }): Laggard[] {
  const needle = q?.trim().toLowerCase();
  if (!needle) return [...items];
  return items.filter((l) => l.unit.name.toLowerCase().includes(needle) || l.unit.code.toLowerCase().includes(needle));
}

/** The units carrying `category`, latest first. */
export function unitsWithFlag(items: readonly Laggard[], category: LaggardCategory) {
  return items
    .flatMap((l) => l.flags.filter((f) => f.category === category).map((f) => ({ laggard: l, flag: f })))
    .sort((a, b) => b.flag.daysLate - a.flag.daysLate);
}
