// When two usernames are the same account. Every entry point (login, a new user, the first
// start, the migration of old rows) turns a typed name into its key here, and the database
// compares keys by plain equality on a stored column: never with PostgreSQL's lower(), whose
// idea of case differs from JavaScript's on some letters (final sigma, dotted İ) and from one
// server's locale to another's.

/**
 * The key of a username: NFKC (full-width ａｄｍｉｎ is admin, an NFD-typed é is é, ﬁ is fi),
 * then a case fold wider than toLowerCase: upper- then lower-casing folds ß to ss and dotless ı
 * to i; final ς is σ; the dot that lower-casing İ leaves (i + U+0307) goes, so İ, I, ı and i are
 * one letter, as a reader sees them. Repeated until nothing changes, so key(key(x)) = key(x).
 */
export function usernameKey(name: string): string {
  let key = name;
  for (let i = 0; i < 4; i++) {
    const next = key
      .trim()
      .normalize('NFKC')
      .toUpperCase()
      .toLowerCase()
      .replaceAll('ς', 'σ')
      .replaceAll('i\u0307', 'i')
      .normalize('NFKC')
      .trim(); // NFKC can make spaces: ῝ is a space and two accents
    if (next === key) break;
    key = next;
  }
  return key;
}

/** A username as it is stored for display: as typed, but in NFKC (no full-width or NFD forms). */
export const usernameDisplay = (name: string): string => name.trim().normalize('NFKC');

/** Whether two typed names are one account. */
export const sameUsername = (a: string, b: string): boolean => usernameKey(a) === usernameKey(b);
