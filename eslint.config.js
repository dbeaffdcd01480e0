import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const root = path.dirname(fileURLToPath(import.meta.url));
const rel = (file) => path.relative(root, file).split(path.sep).join('/');

// A web feature's public face to the rest of the web is its index.ts: what it exports there is what
// the others may use (queries, keys, writes, the pieces of page it lends); everything else inside
// it can move without touching another feature.
const PUBLIC = /^web\/src\/features\/[^/]+\/index(\.js|\.ts)?$/;
// The one exception: the route table loads a page by `import()` from the page's own file, so that
// each page stays a chunk of its own instead of riding in with the feature's index.
const LAZY_PAGE = /^web\/src\/features\/[^/]+\/components\/.+Page(\.js|\.tsx)?$/;

/** Which imports cross a boundary of the tree, and why not. */
function crossing(from, to, lazy = false) {
  const feature = from.match(/^server\/features\/([^/]+)\//)?.[1];
  const sibling = to.match(/^server\/features\/([^/]+)\//)?.[1];
  if (feature && sibling && feature !== sibling) {
    return `the ${feature} feature may not import the ${sibling} feature: what two features share goes down to db/queries, shared/ or server/lib`;
  }
  if (/^(server|web|shared|scripts)\//.test(from) && /^db\/schema(\/|\.|$)/.test(to) && !from.startsWith('scripts/')) {
    return 'only the data floor (db/) reads the tables: call a function of db/queries';
  }
  if (from.startsWith('web/') && /^(server|db)\//.test(to)) return 'the web may not import server/ or db/: share through shared/';
  if (from.startsWith('shared/') && /^(web|server|db)\//.test(to)) return 'shared/ imports no feature, neither the web nor the server';
  if (from.startsWith('web/src/shared/') && /^web\/src\/(features|app)\//.test(to)) return "web/src/shared/ imports no feature: it is what the features share";
  const mine = from.match(/^web\/src\/features\/([^/]+)\//)?.[1] ?? (from.startsWith('web/src/app/') ? 'app' : undefined);
  const theirs = to.match(/^web\/src\/features\/([^/]+)\//)?.[1];
  if (mine && theirs && mine !== theirs && !PUBLIC.test(to) && !(lazy && mine === 'app' && LAZY_PAGE.test(to))) {
    return `the ${mine === 'app' ? 'app' : `${mine} feature`} may use the ${theirs} feature through its index.ts only, not its internals`;
  }
  return null;
}

// SQL is written on the data floor only: drizzle's query builders and `sql` are db/'s; the
// server's features and libraries call db/queries. shared/ is pure: no database, no HTTP.
const SQL_NAMES = new Set(['sql', 'eq', 'and', 'or', 'inArray', 'isNull', 'asc', 'desc', 'count', 'gt', 'gte', 'lt', 'lte', 'ne', 'not', 'exists']);
function packageCrossing(from, source, node) {
  if (from.startsWith('shared/') && /^(drizzle-orm|fastify|@fastify\/|postgres$|@electric-sql\/)/.test(source)) {
    return 'shared/ is pure rules and schemas: it imports neither the database nor HTTP';
  }
  if (from.startsWith('server/') && source === 'drizzle-orm') {
    const names = (node.specifiers ?? []).filter((s) => s.importKind !== 'type' && node.importKind !== 'type').map((s) => s.imported?.name ?? s.local?.name);
    const used = names.filter((n) => SQL_NAMES.has(n));
    if (used.length) return `SQL is written in db/queries only (${used.join(', ')}): call a query function from there`;
  }
  return null;
}

const boundaries = {
  rules: {
    imports: {
      meta: { type: 'problem', schema: [], messages: { crossing: '{{why}} ({{target}})' } },
      create(context) {
        const from = rel(context.filename);
        const check = (node) => {
          const lazy = node.type === 'ImportExpression';
          const source = node.source?.value;
          if (typeof source !== 'string') return;
          const pkg = packageCrossing(from, source, node);
          if (pkg) return context.report({ node: node.source, messageId: 'crossing', data: { why: pkg, target: source } });
          if (!source.startsWith('.')) return;
          const target = rel(path.resolve(path.dirname(context.filename), source));
          const why = crossing(from, target, lazy);
          if (why) context.report({ node: node.source, messageId: 'crossing', data: { why, target } });
        };
        return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['node_modules', 'web/dist', 'dist', 'data', 'db/migrations'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { boundaries },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'boundaries/imports': 'error',
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
);
