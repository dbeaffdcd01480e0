// The lint rules that hold the floors apart fail on a violation: each forbidden import is linted
// as a file in the place it is forbidden, next to an allowed one, through ESLint's own API with the
// project's eslint.config.js. The files are virtual: nothing is written to the tree.
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = process.cwd();
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The boundaries/imports messages ESLint gives `code` as if it were the file at `file`. */
async function crossings(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath: path.join(root, file) });
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal, 'the code parses').toEqual([]);
  return result.messages.filter((m) => m.ruleId === 'boundaries/imports').map((m) => m.message);
}

interface Case {
  rule: string;
  file: string;
  forbidden: string;
  message: RegExp;
  allowed: string;
  /** where the allowed import sits, when not in the same file */
  allowedFile?: string;
}

const CASES: Case[] = [
  {
    rule: 'a server feature does not import a sibling feature',
    file: 'server/features/units/units.service.ts',
    forbidden: "import { x } from '../steps/steps.service.js';",
    message: /^the units feature may not import the steps feature: what two features share goes down to db\/queries, shared\/ or server\/lib \(server\/features\/steps\/steps\.service\.js\)$/,
    allowed: "import { x } from '../../../db/queries/units.js'; import { y } from '../../lib/actor.js'; import { z } from './units.routes.js';",
  },
  {
    rule: 'only db/ imports db/schema',
    file: 'server/features/units/units.service.ts',
    forbidden: "import { units } from '../../../db/schema.js';",
    message: /^only the data floor \(db\/\) reads the tables: call a function of db\/queries \(db\/schema\.js\)$/,
    allowed: "import { units } from '../schema.js';",
    allowedFile: 'db/queries/units.ts',
  },
  {
    rule: "the server writes no SQL with drizzle's builders",
    file: 'server/lib/scope.ts',
    forbidden: "import { sql, eq } from 'drizzle-orm';",
    message: /^SQL is written in db\/queries only \(sql, eq\): call a query function from there \(drizzle-orm\)$/,
    allowed: "import type { SQL } from 'drizzle-orm'; import { type SQLWrapper } from 'drizzle-orm';",
  },
  {
    rule: 'shared/ does not import drizzle',
    file: 'shared/domain/progress.ts',
    forbidden: "import { sql } from 'drizzle-orm';",
    message: /^shared\/ is pure rules and schemas: it imports neither the database nor HTTP \(drizzle-orm\)$/,
    allowed: "import { z } from 'zod'; import { STEPS } from './steps.js';",
  },
  {
    rule: 'shared/ does not import fastify',
    file: 'shared/api/units.ts',
    forbidden: "import type { FastifyRequest } from 'fastify';",
    message: /^shared\/ is pure rules and schemas: it imports neither the database nor HTTP \(fastify\)$/,
    allowed: "import { endpoint } from './endpoint.js';",
  },
  {
    rule: "a web feature reaches another only through its index.ts",
    file: 'web/src/features/reports/components/OverviewPage.tsx',
    forbidden: "import { useNotices } from '../../notices/api/notices.js';",
    message: /^the reports feature may use the notices feature through its index\.ts only, not its internals \(web\/src\/features\/notices\/api\/notices\.js\)$/,
    allowed: "import { useNotices } from '../../notices/index.js'; import { reportKeys } from '../api/keys.js';",
  },
  {
    rule: "the app reaches a feature only through its index.ts, a lazy page aside",
    file: 'web/src/app/routes.tsx',
    forbidden: "import { OutboxPanel } from '../features/field/outbox/OutboxPanel.js';",
    message: /^the app may use the field feature through its index\.ts only, not its internals \(web\/src\/features\/field\/outbox\/OutboxPanel\.js\)$/,
    allowed: "import { OutboxPanel } from '../features/field/index.js'; const page = () => import('../features/audit/components/AuditPage.js'); void page;",
  },
  {
    rule: 'the web does not import server/',
    file: 'web/src/features/units/api/get-unit.ts',
    forbidden: "import { ACCESS } from '../../../../../server/access.js';",
    message: /^the web may not import server\/ or db\/: share through shared\/ \(server\/access\.js\)$/,
    allowed: "import { api } from '../../../../../shared/api/index.js';",
  },
];

describe('the lint rules that hold the floors', () => {
  for (const c of CASES) {
    describe(c.rule, () => {
      it('fails on a violation with the rule id and its reason', async () => {
        const [result] = await eslint.lintText(`${c.forbidden}\nexport {};\n`, { filePath: path.join(root, c.file) });
        const found = result.messages.filter((m) => m.ruleId === 'boundaries/imports');
        expect(found).toHaveLength(1);
        expect(found[0].severity).toBe(2);
        expect(found[0].message).toMatch(c.message);
      });
      it('lets the allowed import through', async () => {
        expect(await crossings(c.allowedFile ?? c.file, c.allowed)).toEqual([]);
      });
    });
  }

  it('a lazy page import from anywhere but the route table is still a crossing', async () => {
    const messages = await crossings('web/src/features/units/components/UnitPage.tsx', "const page = () => import('../../audit/components/AuditPage.js'); void page;");
    expect(messages).toEqual([expect.stringMatching(/^the units feature may use the audit feature through its index\.ts only/)]);
  });
});
