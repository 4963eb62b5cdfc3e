export * from './platform-client.js';
export * from './platform-origin.js';
export * from './http/platform-error.js';
export * from './http/platform-http.js';
export * from './http/upload-retry.js';
export * from './oauth/authorization-code.js';
export * from './platform-registry.js';
