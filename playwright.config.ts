/**
 * End-to-end tests (issue 6 item 7, docs/testing-e2e.md): Debian's Chromium (never a downloaded
 * browser) drives the built web app served by the real `mmreg serve` on a temporary embedded
 * database, started once by e2e/global-setup.ts. One worker: the machine has 2 shared cores and the
 * tests share one server whose data they add to.
 */

import { chromiumLaunchArguments, defaultChromiumPath } from '@mmreg/report/export';
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env['CI']),
  // Generous: PDF and DOCX exports launch their own Chromium on a loaded 2-core machine.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'UTC',
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    screenshot: 'only-on-failure',
    // Tracing snapshots every page's DOM (thousands of rows on the audit page) and doubled the run
    // time here; MMREG_E2E_TRACE=1 records traces and keeps those of failed tests.
    trace: process.env['MMREG_E2E_TRACE'] ? 'retain-on-failure' : 'off',
    launchOptions: {
      executablePath: process.env['MMREG_CHROMIUM'] ?? defaultChromiumPath,
      // The flags the report's PDF and PNG exports launch with: one list for both.
      args: [...chromiumLaunchArguments],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
