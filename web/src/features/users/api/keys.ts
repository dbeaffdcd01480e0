export const userKeys = {
  all: ['users'] as const,
  list: (page: number) => ['users', 'list', page] as const,
  technicians: ['users', 'technicians'] as const,
  auditPeople: ['users', 'audit-people'] as const,
};
