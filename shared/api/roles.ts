// The groups of roles the access rules name.
import type { Role } from '../domain/catalogue.js';

export const everyone: readonly Role[] = ['office', 'technician', 'unit', 'viewer'];
export const office: readonly Role[] = ['office'];
/** those who read units and their steps across a scope */
export const readers: readonly Role[] = ['office', 'technician', 'viewer'];
/** those who read the reports */
export const overseers: readonly Role[] = ['office', 'viewer'];
