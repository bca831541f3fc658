/** The signed-in user as the app needs it: session, role, centres, sign-in and sign-out. */
import type { LoginInput, Role } from '@mmreg/contracts';
import { createContext, useContext } from 'react';
import type { Session } from '../api/session-api.ts';

export interface AuthState {
  /** undefined while the session is being checked, null when signed out. */
  readonly session: Session | null | undefined;
  readonly role: Role | null;
  readonly studyId: number | null;
  /** The user's centre ids; null for a study-wide role (coordinator). */
  readonly centerIds: readonly number[] | null;
  readonly signIn: (input: LoginInput) => Promise<Session>;
  readonly signOut: () => Promise<void>;
}

export const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (state === null) throw new Error('useAuth must be used inside <AuthProvider>');
  return state;
}

/** Role, study and centres from the first study the user belongs to. */
export function describeMemberships(
  session: Session | null | undefined,
): Pick<AuthState, 'role' | 'studyId' | 'centerIds'> {
  const memberships = session?.user.memberships ?? [];
  const first = memberships[0];
  if (first === undefined) return { role: null, studyId: null, centerIds: [] };
  const inStudy = memberships.filter((membership) => membership.studyId === first.studyId);
  const isStudyWide = inStudy.some((membership) => membership.centerId === null);
  return {
    role: first.role,
    studyId: first.studyId,
    centerIds: isStudyWide
      ? null
      : inStudy.flatMap((membership) => (membership.centerId === null ? [] : [membership.centerId])),
  };
}
