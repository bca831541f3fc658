/** The registry's contracts (HTTP, storage, web forms): also the web app's `@mmreg/contracts` entry (browser-safe). */
export * from './audit-page-schemas.ts';
export * from './patient-list-schemas.ts';
export * from './registry-schemas.ts';
