// Who uses the tracker and what it tracks: the roles of docs/contract/domain.md and the kinds of unit. The
// stage machine (steps.ts) says which role records which step; the access table
// (server/access.ts) which role calls which route.

export const ROLES = ['office', 'technician', 'unit', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const UNIT_KINDS = ['township', 'department', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
