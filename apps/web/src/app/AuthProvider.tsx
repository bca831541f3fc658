/** Keeps the session in react-query; any 401 from the API clears it, which sends the user to the login page. */
import type { LoginInput } from '@mmreg/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useMemo } from 'react';
import { onUnauthenticated } from '../api/http-client.ts';
import { queryKeys } from '../api/query-keys.ts';
import { fetchSession, login, logout } from '../api/session-api.ts';
import { AuthContext, type AuthState, describeMemberships } from './auth-context.ts';

export function AuthProvider({ children }: { readonly children: ReactNode }) {
  const client = useQueryClient();
  const sessionQuery = useQuery({
    queryKey: queryKeys.session,
    queryFn: fetchSession,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const session = sessionQuery.isError ? null : sessionQuery.data;

  useEffect(() => {
    onUnauthenticated(() => {
      client.setQueryData(queryKeys.session, null);
    });
    return () => onUnauthenticated(null);
  }, [client]);

  const signIn = useCallback(
    async (input: LoginInput) => {
      const created = await login(input);
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
      client.setQueryData(queryKeys.session, created);
      return created;
    },
    [client],
  );
  const signOut = useCallback(async () => {
    try {
      await logout();
    } finally {
      client.clear();
      client.setQueryData(queryKeys.session, null);
    }
  }, [client]);

  const value = useMemo<AuthState>(
    () => ({ session, ...describeMemberships(session), signIn, signOut }),
    [session, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
