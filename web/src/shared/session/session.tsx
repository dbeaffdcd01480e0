// Who is signed in, provided once by the app shell to every page.
import { createContext, useContext } from 'react';
import type { SessionUser } from '../../../../shared/schemas/index.js';

export const SessionContext = createContext<SessionUser | null>(null);

export function useSessionUser(): SessionUser {
  const user = useContext(SessionContext);
  if (!user) throw new Error('useSessionUser outside a signed-in page');
  return user;
}
