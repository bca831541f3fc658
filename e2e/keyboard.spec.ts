/**
 * Issue 6 item 6: forms work from the keyboard. The login form is filled and sent with keys only; Tab
 * walks the enrolment form in reading order through every field; every control has an accessible
 * name; a Select is operated with arrow keys; submitting with Enter shows the errors on the fields.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** The enrolment form's controls in reading order, as Tab must reach them (role and accessible name). */
const enrolmentTabOrder = [
  'textbox "Patient code"',
  'combobox "Centre"',
  'combobox "Sex"',
  'textbox "Birth year"',
  'textbox "Diagnosis date"',
  'textbox "Prior myeloma diagnosis date"',
  'combobox "Heavy chain"',
  'combobox "Light chain"',
  'combobox "Karyotype"',
  'combobox "Extramedullary sites"',
  'checkbox "Non-secretory disease"',
  'textbox "PB plasma cells (%)"',
  'textbox "WBC (×10⁹/L)"',
  'textbox "Haemoglobin (g/dL)"',
  'textbox "Platelets (×10⁹/L)"',
  'textbox "Creatinine (mg/dL)"',
  'textbox "Notes"',
  'combobox "Form status"',
  'button "Register patient"',
];

/** `role "name"` of an element, from Playwright's ARIA snapshot (`- textbox "Notes": text` → `textbox "Notes"`). */
async function roleAndName(element: Locator): Promise<string> {
  const snapshot = await element.ariaSnapshot();
  const firstLine = snapshot.split('\n')[0] ?? '';
  const match = /^- (\w+)(?: "((?:[^"\\]|\\.)*)")?/.exec(firstLine);
  if (match === null) return firstLine;
  const [, role = '', name] = match;
  return name === undefined ? role : `${role} "${name}"`;
}

/** `role "name"` of the focused element, or `body` when nothing has focus. */
async function focusedControl(page: Page): Promise<string> {
  const isBody = await page.evaluate(() => {
    for (const marked of document.querySelectorAll('[data-e2e-focus]')) marked.removeAttribute('data-e2e-focus');
    const focused = document.activeElement;
    if (focused === null || focused === document.body) return true;
    focused.setAttribute('data-e2e-focus', '');
    return false;
  });
  return isBody ? 'body' : roleAndName(page.locator('[data-e2e-focus]'));
}

/** Presses Tab until `last` is focused, returning each newly focused control once (date inputs take several Tabs). */
async function tabThrough(page: Page, last: string, maxPresses = 80): Promise<string[]> {
  const visited: string[] = [await focusedControl(page)];
  for (let press = 0; press < maxPresses && visited.at(-1) !== last; press += 1) {
    await page.keyboard.press('Tab');
    const focused = await focusedControl(page);
    if (focused !== visited.at(-1)) visited.push(focused);
  }
  return visited;
}

test('the login form is filled and sent with the keyboard alone', async ({ page, server }) => {
  const investigator = server.credentials.find((credential) => credential.username === 'investigator-a');
  if (investigator === undefined) throw new Error('no investigator-a credential');
  await page.goto('/login');
  await page.getByRole('textbox', { name: 'Username' }).focus();
  await page.keyboard.type(investigator.username);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Password', exact: true })).toBeFocused();
  await page.keyboard.type(investigator.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Patients of my centre' })).toBeVisible();
});

test('the enrolment form is keyboard-navigable, every control is named and errors show on the fields', async ({
  page,
  signIn,
}) => {
  await signIn(page, 'investigator-a');
  await page.goto('/patients/new');
  const form = page.getByRole('form', { name: 'New patient' });
  await expect(form).toBeVisible();

  await test.step('every control of the form has an accessible name', async () => {
    // Mantine's number steppers are aria-hidden and out of the Tab order (the arrow keys step instead).
    const controls = form.locator(
      ':is(input:not([type="hidden"]), select, textarea, button):not([aria-hidden="true"], [tabindex="-1"])',
    );
    const count = await controls.count();
    expect(count).toBeGreaterThanOrEqual(enrolmentTabOrder.length);
    const unnamed: string[] = [];
    for (const control of await controls.all()) {
      if (!(await control.isVisible())) continue;
      const described = await roleAndName(control);
      if (!described.includes(' "'))
        unnamed.push(`${described} ${await control.evaluate((node) => node.outerHTML.slice(0, 200))}`);
    }
    expect(unnamed, 'controls without an accessible name').toEqual([]);
  });

  await test.step('Tab reaches every field in reading order and ends on the submit button', async () => {
    await form.getByRole('textbox', { name: 'Patient code' }).focus();
    const visited = await tabThrough(page, 'button "Register patient"');
    expect(visited).toEqual(enrolmentTabOrder);
    await page.keyboard.press('Shift+Tab');
    await expect(form.getByRole('combobox', { name: 'Form status' })).toBeFocused();
  });

  await test.step('a Select is operated with the arrow keys', async () => {
    const sex = form.getByRole('combobox', { name: 'Sex' });
    await sex.focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('listbox')).toBeVisible();
    await expect(page.getByRole('option', { name: 'Female', exact: true })).toHaveAttribute('aria-selected', 'true');
    // ArrowDown opens the list on the selected option; a second one moves to the next, Enter picks it.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(sex).toHaveValue('Male');
    await expect(sex).toBeFocused();
  });

  await test.step('Enter submits; the errors are announced on the fields', async () => {
    await form.getByRole('textbox', { name: 'Patient code' }).focus();
    await page.keyboard.press('Enter');
    const code = form.getByRole('textbox', { name: 'Patient code' });
    const diagnosisDate = form.getByRole('textbox', { name: 'Diagnosis date', exact: true });
    await expect(code).toHaveAttribute('aria-invalid', 'true');
    await expect(diagnosisDate).toHaveAttribute('aria-invalid', 'true');
    // Mantine links each error to its input; the error text is part of the input's description.
    await expect(code).toHaveAccessibleDescription(/\S/);
    await expect(page).toHaveURL(/\/patients\/new$/);
  });
});
