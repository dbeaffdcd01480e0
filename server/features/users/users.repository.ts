// SHIM (data-floor move in progress): the users' SQL is db/queries/users.ts. Kept for
// server/features/audit/audit.repository.ts (another helper's file) until it imports
// usersInScopeSql from db/queries/users.ts; then delete this file.
export { usersInScopeSql } from '../../../db/queries/users.js';
