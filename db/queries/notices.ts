// SHIM (data-floor move in progress): the notices helper moves notices.repository.ts and notices.facts.ts here.
export * from '../../server/features/notices/notices.repository.js';
export * from '../../server/features/notices/notices.facts.js';
