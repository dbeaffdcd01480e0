// SHIM (data-floor move in progress): the users helper moves users.repository.ts here.
export * from '../../server/features/users/users.repository.js';
