import postgres from 'postgres';

/** The same server, another database. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export const adminClient = (serverUrl: string) => postgres(serverUrl, { max: 1, onnotice: () => {} });
