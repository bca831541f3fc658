import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { browserEntryAliases } from './apps/web/vite.config.ts';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
          pool: 'threads',
          env: { TZ: 'UTC' },
          setupFiles: ['packages/testkit/src/no-console-setup.ts'],
        },
      },
      {
        // The web app's component tests (*.test.tsx): React in happy-dom, the same aliases as the Vite build.
        plugins: [react()],
        resolve: { alias: browserEntryAliases },
        test: {
          name: 'web',
          include: ['apps/web/src/**/*.test.tsx'],
          environment: 'happy-dom',
          pool: 'threads',
          env: { TZ: 'UTC' },
          setupFiles: ['packages/testkit/src/no-console-setup.ts', 'apps/web/src/test/setup.ts'],
        },
      },
    ],
  },
});
