// Reading laggard rows on the client.
import type { Laggard, LaggardCategory } from './api/types.js';

/** The units carrying `category`, latest first. */
export function unitsWithFlag(items: readonly Laggard[], category: LaggardCategory) {
  return items
    .flatMap((l) => l.flags.filter((f) => f.category === category).map((f) => ({ laggard: l, flag: f })))
    .sort((a, b) => b.flag.daysLate - a.flag.daysLate);
}
