// What the units feature offers the rest of the web: its queries and keys (other features refresh
// them after their writes), how a step's answer lands in the cache, and the pages the route table
// shows without a lazy load.
export { reportsKey, unitKeys } from './api/keys.js';
export { applyStepAnswer } from './api/step-answer.js';
export { unitQueryOptions } from './api/get-unit.js';
export { unitEventsQueryOptions } from './api/get-unit-events.js';
export { myUnitsQueryOptions, unitFiltersFrom, unitsQueryOptions } from './api/get-units.js';
export { UnitPage } from './components/UnitPage.js';
export { UnitsPage } from './components/UnitsPage.js';
export { FieldHomePage } from './components/field/FieldHomePage.js';
