export * from './open-database.js';
export * from './open-postgres.js';
export * from './migrate-to-latest.js';
