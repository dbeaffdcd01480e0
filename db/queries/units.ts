// SHIM (data-floor move in progress): the units helper moves units.repository.ts here.
export * from '../../server/features/units/units.repository.js';
