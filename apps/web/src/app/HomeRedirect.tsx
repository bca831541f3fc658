/** `/`: coordinators start on the dashboard, centre users on their patient list. */
import { Navigate } from 'react-router';
import { useAuth } from './auth-context.ts';

export function HomeRedirect() {
  const { role } = useAuth();
  return <Navigate to={role === 'coordinator' ? '/dashboard' : '/patients'} replace />;
}
