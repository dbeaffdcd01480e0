// A unit's deadlines: the rule lives in shared/domain/deadlines.ts (its own due dates, else its
// area's or the installation's; registration counts from the connection day), shared with the server.
export { deadlines, type Deadline } from '../../../../../shared/domain/deadlines.js';
