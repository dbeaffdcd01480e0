export * from './areas.js';
export * from './users.js';
export * from './units.js';
export * from './steps.js';
export * from './settings.js';
export * from './audit.js';
export * from './notify.js';
export * from './notices.js';
