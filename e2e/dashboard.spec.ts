/**
 * Issue 6 item 7: the coordinator's dashboard follows the data — after a new analysable patient is
 * registered (through the API, as a centre's form would send it), the enrolment counts, the number
 * of analysed patients and the Kaplan–Meier figures change.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { registerAnalysablePatient, studyCentres } from './support/registry-data.ts';

interface DashboardReading {
  readonly analysedPatients: number;
  readonly registeredTotal: number;
  readonly analysedTotal: number;
  readonly registeredCentreC: number;
  readonly pfsFigure: string;
  readonly osFigure: string;
}

async function cellNumber(page: Page, rowName: RegExp, cellIndex: number): Promise<number> {
  const row = page.getByTestId('enrolment-table').getByRole('row', { name: rowName });
  return Number(await row.getByRole('cell').nth(cellIndex).textContent());
}

async function readDashboard(page: Page): Promise<DashboardReading> {
  await page.goto('/dashboard');
  const pfs = page.getByTestId('km-pfs').locator('svg');
  const os = page.getByTestId('km-os').locator('svg');
  await expect(pfs).toBeVisible();
  await expect(os).toBeVisible();
  const status = (await page.getByTestId('survival-status').textContent()) ?? '';
  const analysed = /All (\d+) analysed patients/.exec(status)?.[1];
  if (analysed === undefined) throw new Error(`unexpected survival status: ${status}`);
  return {
    analysedPatients: Number(analysed),
    registeredTotal: await cellNumber(page, /^All centres/, 0),
    analysedTotal: await cellNumber(page, /^All centres/, 1),
    registeredCentreC: await cellNumber(page, /\(demo-c\)/, 0),
    pfsFigure: await pfs.evaluate((svg) => svg.outerHTML),
    osFigure: await os.evaluate((svg) => svg.outerHTML),
  };
}

test('the coordinator sees the counts and the Kaplan–Meier curves change after a patient is registered', async ({
  page,
  signIn,
  apiAs,
}) => {
  await signIn(page, 'coordinator');
  const before = await readDashboard(page);
  expect(before.analysedPatients).toBeGreaterThan(0);
  expect(before.analysedTotal).toBe(before.analysedPatients);

  const coordinator = await apiAs('coordinator');
  const { centres } = await studyCentres(coordinator);
  const centreC = centres.find((centre) => centre.code === 'demo-c');
  if (centreC === undefined) throw new Error('no demo-c centre');
  await registerAnalysablePatient(coordinator, {
    centerId: centreC.id,
    code: `E2E-KM-${Date.now().toString(36).toUpperCase()}`,
  });

  const after = await readDashboard(page);
  expect(after.registeredTotal).toBe(before.registeredTotal + 1);
  expect(after.registeredCentreC).toBe(before.registeredCentreC + 1);
  expect(after.analysedPatients).toBe(before.analysedPatients + 1);
  expect(after.analysedTotal).toBe(before.analysedTotal + 1);
  expect(after.pfsFigure).not.toBe(before.pfsFigure);
  expect(after.osFigure).not.toBe(before.osFigure);
  // The number-at-risk row under the curve starts at the number of analysed patients.
  await expect(page.getByTestId('km-os').locator('svg')).toContainText(String(after.analysedPatients));
});
