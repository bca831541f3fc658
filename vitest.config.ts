import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    pool: 'threads',
    env: { TZ: 'UTC' },
    setupFiles: ['packages/testkit/src/no-console-setup.ts'],
  },
});
