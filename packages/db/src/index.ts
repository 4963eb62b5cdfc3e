export * from './open-database.js';
export * from './migrate-to-latest.js';
