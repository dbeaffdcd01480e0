import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const root = path.dirname(fileURLToPath(import.meta.url));
const rel = (file) => path.relative(root, file).split(path.sep).join('/');

// A feature's public face to the others: its `api/` (queries, keys, writes) and its index.ts
// (the pieces of page it lends); the field feature's outbox too, which the unit pages send through.
const PUBLIC = [/^web\/src\/features\/[^/]+\/api\//, /^web\/src\/features\/[^/]+\/index\.js$/, /^web\/src\/features\/field\/outbox\//];

/** Which imports cross a boundary of the tree, and why not. */
function crossing(from, to) {
  if (from.startsWith('web/') && /^(server|db)\//.test(to)) return 'the web may not import server/ or db/: share through shared/';
  if (from.startsWith('shared/') && /^(web|server|db)\//.test(to)) return 'shared/ imports no feature, neither the web nor the server';
  if (from.startsWith('web/src/shared/') && /^web\/src\/(features|app)\//.test(to)) return "web/src/shared/ imports no feature: it is what the features share";
  const mine = from.match(/^web\/src\/features\/([^/]+)\//)?.[1];
  const theirs = to.match(/^web\/src\/features\/([^/]+)\//)?.[1];
  if (mine && theirs && mine !== theirs && !PUBLIC.some((re) => re.test(to))) {
    return `the ${mine} feature may use the ${theirs} feature through its api/ only, not its internals`;
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
          const source = node.source?.value;
          if (typeof source !== 'string' || !source.startsWith('.')) return;
          const target = rel(path.resolve(path.dirname(context.filename), source));
          const why = crossing(from, target);
          if (why) context.report({ node: node.source, messageId: 'crossing', data: { why, target } });
        };
        return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['node_modules', 'web/dist', 'data', 'db/migrations'] },
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
