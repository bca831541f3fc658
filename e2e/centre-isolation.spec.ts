/**
 * Issue 6 item 7: an investigator of centre A can neither find a centre B patient in the list nor open
 * it by its address. The patient's id is looked up through the API as the coordinator, who sees all centres.
 */
import { expect, test } from './fixtures.ts';
import { listPatients, studyCentres } from './support/registry-data.ts';
import { saveScreenshot } from './support/screenshots.ts';

test('an investigator of centre A cannot find or open a centre B patient', async ({ page, signIn, apiAs }) => {
  const coordinator = await apiAs('coordinator');
  const { centres } = await studyCentres(coordinator);
  const centreB = centres.find((centre) => centre.code === 'demo-b');
  const patientB = (await listPatients(coordinator)).find((patient) => patient.centerId === centreB?.id);
  if (patientB === undefined) throw new Error('the demo study has no centre B patient');

  await signIn(page, 'investigator-a');

  await test.step('the patient list holds only centre A patients and no search finds the centre B patient', async () => {
    await page.goto('/patients');
    const list = page.getByRole('table', { name: 'Patients' });
    for (const code of ['MU-01', 'MU-05', 'MU-09']) {
      await expect(list.getByRole('link', { name: code, exact: true })).toBeVisible();
    }
    await expect(list.getByRole('link', { name: patientB.code, exact: true })).toHaveCount(0);
    const patientRows = list.getByRole('row').filter({ has: page.getByRole('cell') });
    for (const row of await patientRows.all()) {
      await expect(row.getByRole('cell').nth(1)).toHaveText('Demo Centre A (synthetic)');
    }
    await page.getByRole('textbox', { name: 'Search by patient code' }).fill(patientB.code);
    await expect(page.getByText('No patient matches.')).toBeVisible();
    await expect(list.getByRole('link')).toHaveCount(0);
  });

  await test.step('opening the centre B patient by its address shows "not found"', async () => {
    await page.goto(`/patients/${patientB.id}`);
    await expect(page.getByText('Patient not available')).toBeVisible();
    await expect(page.getByText('Not found (or not in your centres).')).toBeVisible();
    await expect(page.getByRole('heading', { name: `Patient ${patientB.code}` })).toHaveCount(0);
    await expect(page.getByText(patientB.code)).toHaveCount(0);
    await saveScreenshot(page, 'patient-of-another-centre-1280');
    // Indistinguishable from an id that does not exist: the page does not reveal that the patient exists.
    const shown = await page.getByRole('main').textContent();
    await page.goto('/patients/999999');
    await expect(page.getByText('Patient not available')).toBeVisible();
    expect(await page.getByRole('main').textContent()).toBe(shown);
  });

  await test.step('the API answers 404 to the same request', async () => {
    const investigator = await apiAs('investigator-a');
    const response = await investigator.request.get(`/api/patients/${patientB.id}`);
    expect(response.status()).toBe(404);
    const derived = await investigator.request.get(`/api/patients/${patientB.id}/derived`);
    expect(derived.status()).toBe(404);
  });
});
