/**
 * Issue 6 items 6 and 7: every main page (and each tab of the patient record, with its "Add …" form
 * open) is checked with axe-core at 1280×800 and at tablet width (768 px): no serious or critical
 * violation; moderate and minor ones are printed and saved under test-results/axe/. A full-page
 * screenshot of each view goes to test-results/screenshots/ for review.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import { describeViolations, runAxe } from './support/axe.ts';
import { mainPages, type PageIds } from './support/main-pages.ts';
import { listPatients } from './support/registry-data.ts';
import { saveScreenshot } from './support/screenshots.ts';

const viewports = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'tablet', width: 768, height: 1024 },
] as const;

const axeDirectory = join(import.meta.dirname, '..', 'test-results', 'axe');

// axe-core is injected as a script element; the app's CSP (script-src 'self') would refuse it.
test.use({ bypassCSP: true });

for (const viewport of viewports) {
  test.describe(`at ${viewport.width} px (${viewport.name})`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    for (const mainPage of mainPages) {
      test(`${mainPage.name}: no serious or critical axe violation; screenshot`, async ({ page, signIn, apiAs }) => {
        let ids: PageIds = { ownPatientId: 0 };
        if (typeof mainPage.path === 'function') {
          const patients = await listPatients(await apiAs('investigator-a'));
          const own = patients.find((patient) => patient.code === 'MU-01');
          if (own === undefined) throw new Error('investigator-a cannot see MU-01');
          ids = { ownPatientId: own.id };
        }
        if (mainPage.user !== null) await signIn(page, mainPage.user);
        await page.goto(typeof mainPage.path === 'function' ? mainPage.path(ids) : mainPage.path);
        mkdirSync(axeDirectory, { recursive: true });

        for (const view of mainPage.views) {
          await test.step(view.name, async () => {
            let started = Date.now();
            await view.show(page);
            const name = `${view.name}-${viewport.width}`;
            const shown = Date.now() - started;
            started = Date.now();
            await saveScreenshot(page, name);
            const shot = Date.now() - started;
            started = Date.now();
            const findings = await runAxe(page);
            // In the JSON report, to see which page makes the run slow.
            test.info().annotations.push({
              type: 'timing',
              description: `${name}: show ${shown} ms, screenshot ${shot} ms, axe ${Date.now() - started} ms`,
            });
            writeFileSync(join(axeDirectory, `${name}.json`), JSON.stringify(findings, null, 2));
            if (findings.reported.length > 0) {
              process.stdout.write(`axe, ${name}, moderate/minor:\n${describeViolations(findings.reported)}\n`);
            }
            const blocking = findings.blocking.map((violation) => `${violation.impact} ${violation.id}`);
            expect.soft(blocking, `axe on ${name}:\n${describeViolations(findings.blocking)}`).toEqual([]);
          });
        }
      });
    }
  });
}
