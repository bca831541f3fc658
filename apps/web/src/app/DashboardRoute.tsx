/**
 * Loads the coordinator dashboard (W2's `features/dashboard/DashboardPage.tsx`, default export) as its
 * own chunk. Found through `import.meta.glob` so the app still builds while that page does not exist.
 */
import { Alert } from '@mantine/core';
import { type ComponentType, lazy, Suspense } from 'react';
import { PageLoader } from '../components/PageLoader.tsx';

const pages = import.meta.glob<{ default: ComponentType }>('../features/dashboard/DashboardPage.tsx');
const loadDashboard = pages['../features/dashboard/DashboardPage.tsx'];
const DashboardPage = loadDashboard === undefined ? null : lazy(loadDashboard);

export function DashboardRoute() {
  if (DashboardPage === null) {
    return (
      <Alert color="gray" title="Dashboard">
        The dashboard is not part of this build.
      </Alert>
    );
  }
  return (
    <Suspense fallback={<PageLoader />}>
      <DashboardPage />
    </Suspense>
  );
}
