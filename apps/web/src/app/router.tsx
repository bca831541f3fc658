/**
 * The routes. Every page is its own chunk (the login page loads without the record pages, Plot or
 * the dashboard); the dashboard is W2's `features/dashboard/DashboardPage.tsx`, loaded for coordinators.
 */
import { createBrowserRouter, Outlet, type RouteObject } from 'react-router';
import { PageLoader } from '../components/PageLoader.tsx';
import { AppLayout } from './AppLayout.tsx';
import { DashboardRoute } from './DashboardRoute.tsx';
import { HomeRedirect } from './HomeRedirect.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { RequireAuth, RequireCoordinator } from './RequireAuth.tsx';

export const appRoutes: RouteObject[] = [
  {
    path: '/login',
    hydrateFallbackElement: <PageLoader />,
    lazy: async () => ({ Component: (await import('../features/auth/LoginPage.tsx')).LoginPage }),
  },
  {
    path: '/',
    hydrateFallbackElement: <PageLoader />,
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomeRedirect /> },
      {
        path: 'dashboard',
        element: (
          <RequireCoordinator>
            <DashboardRoute />
          </RequireCoordinator>
        ),
      },
      {
        path: 'patients',
        lazy: async () => ({ Component: (await import('../features/patients/PatientListPage.tsx')).PatientListPage }),
      },
      {
        path: 'patients/new',
        lazy: async () => ({ Component: (await import('../features/patients/NewPatientPage.tsx')).NewPatientPage }),
      },
      {
        path: 'patients/:patientId',
        lazy: async () => ({
          Component: (await import('../features/patient-record/PatientRecordPage.tsx')).PatientRecordPage,
        }),
      },
      {
        path: 'audit',
        element: (
          <RequireCoordinator>
            <Outlet />
          </RequireCoordinator>
        ),
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import('../features/audit/AuditPage.tsx')).AuditPage }),
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(appRoutes);
}
