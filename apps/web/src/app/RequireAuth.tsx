/** Route guards: signed in (else the login page, remembering where the user was going) and coordinator only. */
import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { PageLoader } from '../components/PageLoader.tsx';
import { useAuth } from './auth-context.ts';

export function RequireAuth({ children }: { readonly children: ReactNode }) {
  const { session } = useAuth();
  const location = useLocation();
  if (session === undefined) return <PageLoader />;
  if (session === null) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}

export function RequireCoordinator({ children }: { readonly children: ReactNode }) {
  const { role } = useAuth();
  if (role !== 'coordinator') {
    return (
      <Alert color="red" title="Coordinators only">
        This page is for the coordinating centre.
      </Alert>
    );
  }
  return children;
}
