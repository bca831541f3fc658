/**
 * The app's main pages as the accessibility and screenshot tests visit them: who signs in, where to
 * go and what to wait for, and, for pages with several views (the patient record's tabs), each view.
 */
import { expect, type Page } from '@playwright/test';

export interface PageView {
  /** File-name-safe name of the view, used for screenshots and axe reports (`record-labs`). */
  readonly name: string;
  /** Brings the page from its loaded state to this view and waits until it is drawn. */
  readonly show: (page: Page) => Promise<void>;
}

export interface MainPage {
  readonly name: string;
  /** Demo user to sign in as; null for the login page. */
  readonly user: string | null;
  /** Address, or a function of the ids the test looked up. */
  readonly path: string | ((ids: PageIds) => string);
  readonly views: readonly PageView[];
}

export interface PageIds {
  /** investigator-a's patient MU-01. */
  readonly ownPatientId: number;
}

const only = (name: string, ready: (page: Page) => Promise<void>): PageView[] => [{ name, show: ready }];

/** Opens a record tab and, where the user may add to it, the "Add …" form, so the form is checked too. */
function recordTab(tab: string, name: string, addButton: string | null): PageView {
  return {
    name,
    show: async (page) => {
      await page.getByRole('tab', { name: tab, exact: true }).click();
      await expect(page.getByRole('tab', { name: tab, exact: true })).toHaveAttribute('aria-selected', 'true');
      if (addButton !== null) {
        await page.getByRole('button', { name: addButton, exact: true }).click();
        await expect(page.getByRole('form', { name: addButton })).toBeVisible();
      }
      await expect(page.getByRole('region', { name: 'Derived results' })).toContainText('Best response');
    },
  };
}

export const mainPages: readonly MainPage[] = [
  {
    name: 'login',
    user: null,
    path: '/login',
    views: only('login', async (page) => {
      await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible();
    }),
  },
  {
    name: 'patient-list',
    user: 'investigator-a',
    path: '/patients',
    views: only('patient-list', async (page) => {
      await expect(page.getByRole('table', { name: 'Patients' }).getByRole('link', { name: 'MU-01' })).toBeVisible();
    }),
  },
  {
    name: 'patient-list-coordinator',
    user: 'coordinator',
    path: '/patients',
    views: only('patient-list-coordinator', async (page) => {
      await expect(page.getByRole('table', { name: 'Patients' }).getByRole('link', { name: 'MU-02' })).toBeVisible();
    }),
  },
  {
    name: 'new-patient',
    user: 'investigator-a',
    path: '/patients/new',
    views: only('new-patient', async (page) => {
      await expect(page.getByRole('form', { name: 'New patient' })).toBeVisible();
    }),
  },
  {
    name: 'patient-record',
    user: 'investigator-a',
    path: ({ ownPatientId }) => `/patients/${ownPatientId}`,
    views: [
      recordTab('Baseline', 'record-baseline', null),
      recordTab('Prior lines', 'record-prior-lines', 'Add prior line'),
      recordTab('Courses', 'record-courses', 'Add course'),
      recordTab('Labs', 'record-labs', 'Add lab result'),
      recordTab('Adverse events', 'record-adverse-events', 'Add adverse event'),
      recordTab('Follow-up', 'record-follow-up', 'Add follow-up'),
    ],
  },
  {
    name: 'dashboard',
    user: 'coordinator',
    path: '/dashboard',
    views: only('dashboard', async (page) => {
      await expect(page.getByTestId('km-pfs').locator('svg')).toBeVisible();
      // The sections below the curves are put in the page one per idle period after the first paint;
      // the claims check comes last.
      await expect(page.getByRole('heading', { name: 'Claims check' })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Swimmer plot' })).toBeVisible();
    }),
  },
  {
    name: 'audit',
    user: 'coordinator',
    path: '/audit',
    views: only('audit', async (page) => {
      await expect(page.getByRole('table', { name: 'Audit records' }).getByRole('row').nth(1)).toBeVisible();
    }),
  },
  {
    name: 'not-found',
    user: 'investigator-a',
    path: '/no-such-page',
    views: only('not-found', async (page) => {
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    }),
  },
];
