// The cookie that carries a session's token (db/queries/sessions.ts keeps only its hash).
export const SESSION_COOKIE = 'zw_session';

/** How the cookie is set and cleared: never read by scripts, sent on same-site navigation. */
export const sessionCookieOptions = (secure: boolean) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure });
