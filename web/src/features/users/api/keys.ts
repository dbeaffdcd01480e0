export const userKeys = {
  all: ['users'] as const,
  list: (page: number) => ['users', 'list', page] as const,
};
