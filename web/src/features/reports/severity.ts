// How the laggard board ranks units, in words. The weights are the shared rule the server ranks by;
// this text is the one place the page takes its explanation from.
import { SEVERITY_RULE as RULE } from '../../../../shared/domain/laggards.js';

export { severityOf } from '../../../../shared/domain/laggards.js';

export const SEVERITY_WEIGHTS = RULE.weights;
export const SEVERITY_DAYS = RULE.daysPerWeight;

export const SEVERITY_RULE = `severity = sum over the unit's flags of weight × (1 + daysLate/${SEVERITY_DAYS}); weights: ${Object.entries(SEVERITY_WEIGHTS)
  .map(([category, weight]) => `${category} ${weight}`)
  .join(', ')}`;

/** How ties are broken, in the shared rule's own words. */
export const SEVERITY_TIES = { zh: RULE.zh, en: RULE.en };
