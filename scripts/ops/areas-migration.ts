// Writes db/migrations/0015_areas.sql from reference/china-areas.csv: the area tree is loaded by a
// migration, so both databases get it the same way, at install, with nothing typed by an office.
// Run again only when the CSV changes (then as a new migration: an applied one never changes).
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

export interface AreaRow {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
  parentCode: string;
}

export const readAreasCsv = (): AreaRow[] => parse(readFileSync(new URL('../../reference/china-areas.csv', import.meta.url)), { columns: true, bom: true }) as AreaRow[];

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

export function areasMigrationSql(rows: AreaRow[]): string {
  const head = readFileSync(new URL('./areas-migration.head.sql', import.meta.url), 'utf8').trimEnd();
  const tail = readFileSync(new URL('./areas-migration.tail.sql', import.meta.url), 'utf8').trimEnd();
  // parents before children: the foreign key is checked row by row
  const order = { province: 0, city: 1, county: 2 } as const;
  const sorted = [...rows].sort((a, b) => order[a.level] - order[b.level] || a.code.localeCompare(b.code));
  const values = sorted.map((r) => `(${q(r.code)}, ${q(r.name)}, ${q(r.level)}, ${r.parentCode ? q(r.parentCode) : 'NULL'})`).join(',\n');
  return `${head}\n--> statement-breakpoint\nINSERT INTO "areas" ("code", "name", "level", "parent_code") VALUES\n${values};\n--> statement-breakpoint\n${tail}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = new URL('../../db/migrations/0015_areas.sql', import.meta.url);
  writeFileSync(out, areasMigrationSql(readAreasCsv()));
  console.log(`wrote ${out.pathname}`);
}
