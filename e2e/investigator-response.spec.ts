/**
 * Issue 6 item 7: an investigator of centre A signs in, registers a patient with the enrolment form,
 * adds the index bortezomib course and serial serum M-protein results (3.4 → 1.3 → 1.3 g/dL, −62%),
 * and the derived panel shows a confirmed PR with the rule's explanation.
 */
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** A text or number field by its exact accessible name ("Date" must not match "Start date"). */
function textbox(scope: Locator, name: string): Locator {
  return scope.getByRole('textbox', { name, exact: true });
}

const labs = [
  { date: '2006-01-12', value: '3.4' },
  { date: '2006-02-20', value: '1.3' },
  { date: '2006-03-29', value: '1.3' },
] as const;

test('an investigator registers a patient, enters labs that make a PR and sees it derived and explained', async ({
  page,
  signInWithForm,
}) => {
  const code = `E2E-PR-${Date.now().toString(36).toUpperCase()}`;
  await signInWithForm(page, 'investigator-a');
  await expect(page).toHaveURL(/\/patients$/);

  await test.step('register the patient with the enrolment form', async () => {
    await page.getByRole('link', { name: 'New patient' }).click();
    const form = page.getByRole('form', { name: 'New patient' });
    await textbox(form, 'Patient code').fill(code);
    await expect(form.getByRole('combobox', { name: 'Centre' })).toHaveValue('Demo Centre A (synthetic)');
    await textbox(form, 'Birth year').fill('1948');
    await textbox(form, 'Diagnosis date').fill('2006-01-10');
    await textbox(form, 'PB plasma cells (%)').fill('40');
    await textbox(form, 'WBC (×10⁹/L)').fill('10');
    await textbox(form, 'Haemoglobin (g/dL)').fill('9.5');
    await textbox(form, 'Platelets (×10⁹/L)').fill('120');
    await form.getByRole('button', { name: 'Register patient' }).click();
    await expect(page.getByRole('heading', { name: `Patient ${code}` })).toBeVisible();
    await expect(page).toHaveURL(/\/patients\/\d+$/);
  });

  await test.step('add the index bortezomib course', async () => {
    await page.getByRole('tab', { name: 'Courses' }).click();
    await page.getByRole('button', { name: 'Add course' }).click();
    const form = page.getByRole('form', { name: 'Add course' });
    await textbox(form, 'Regimen').fill('bortezomib-dexamethasone');
    await form.getByRole('combobox', { name: 'Associated drugs' }).fill('dexamethasone');
    await form.getByRole('combobox', { name: 'Associated drugs' }).press('Enter');
    await textbox(form, 'Start date').fill('2006-01-15');
    await textbox(form, 'Height (cm)').fill('170');
    await textbox(form, 'Weight (kg)').fill('70');
    await form.getByLabel(/^Index therapy/).check();
    await form.getByRole('button', { name: 'Save course' }).click();
    await expect(form).toBeHidden();
    const courses = page.getByRole('table', { name: 'Treatment courses' });
    await expect(courses).toContainText('bortezomib-dexamethasone (index)');
    await expect(courses).toContainText('2006-01-15');
  });

  await test.step('enter serial serum M-protein results', async () => {
    await page.getByRole('tab', { name: 'Labs' }).click();
    for (const lab of labs) {
      await page.getByRole('button', { name: 'Add lab result' }).click();
      const form = page.getByRole('form', { name: 'Add lab result' });
      await textbox(form, 'Date').fill(lab.date);
      await expect(form.getByRole('combobox', { name: 'Test' })).toHaveValue('serum m protein');
      await textbox(form, 'Value').fill(lab.value);
      await expect(form.getByRole('combobox', { name: 'Unit' })).toHaveValue('g/dL');
      await form.getByRole('button', { name: 'Save lab result' }).click();
      await expect(form).toBeHidden();
    }
    // The labs tab shows the date × test grid: one row per sample date, the unit in the column header.
    const grid = page.getByRole('table', { name: 'Laboratory results by date' });
    await expect(grid.getByRole('row')).toHaveCount(labs.length + 1);
    await expect(grid.getByRole('columnheader', { name: 'serum m protein g/dL' })).toBeVisible();
    for (const lab of labs) {
      await expect(
        grid.getByRole('button', { name: `serum m protein on ${lab.date}: ${lab.value} g/dL, edit` }),
      ).toBeVisible();
    }
  });

  await test.step('the derived panel shows the confirmed PR and why', async () => {
    const derived = page.getByRole('region', { name: 'Derived results' });
    await expect(derived).toContainText('PR on 2006-02-20');
    await expect(derived).toContainText(
      'Best response PR, first documented on 2006-02-20 (confirmed on 2006-03-29), among 2 assessment(s).',
    );
    const timepoints = derived.getByRole('table', { name: 'Time-point responses' });
    await expect(timepoints.getByRole('row', { name: /2006-02-20/ })).toContainText('PR (confirmed 2006-03-29)');
    await expect(timepoints.getByRole('row', { name: /2006-02-20/ })).toContainText(
      'serum M-protein 3.4 → 1.3 g/dL (−61.8%)',
    );
  });
});
