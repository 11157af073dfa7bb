export * from './bytes.js';
export * from './canonical-json.js';
export * from './errors.js';
export * from './manifest.js';
export * from './trace.js';
export * from './version.js';
export * from './wire.js';
