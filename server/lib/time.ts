export const iso = (d: Date | string): string => (typeof d === 'string' ? new Date(d) : d).toISOString();
