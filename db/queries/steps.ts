// SHIM (data-floor move in progress): the units helper moves steps.repository.ts here.
export * from '../../server/features/steps/steps.repository.js';
