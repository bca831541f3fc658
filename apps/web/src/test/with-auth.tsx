/** Test helper: a signed-in user's auth context around a component (no session request). */
import type { Role } from '@mmreg/contracts';
import type { ReactNode } from 'react';
import { AuthContext, type AuthState } from '../app/auth-context.ts';

export function withAuth(element: ReactNode, user: { role: Role; studyId?: number; centerIds?: number[] | null }) {
  const state: AuthState = {
    session: undefined,
    role: user.role,
    studyId: user.studyId ?? 1,
    centerIds: user.centerIds ?? null,
    signIn: async () => {
      throw new Error('not in this test');
    },
    signOut: async () => undefined,
  };
  return <AuthContext.Provider value={state}>{element}</AuthContext.Provider>;
}
