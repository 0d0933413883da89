// ESLint's flat config: JavaScript's and typescript-eslint's recommended rules, plus the house rules of
// docs/architecture.md that a linter can check (no `any`, type-only imports marked as such, no unused
// names). Formatting is Prettier's job (`prettier --check .`), not ESLint's. `npm run lint` runs both.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** The Node.js globals the plain JavaScript files use (scripts, the bin entry, a test worker). */
const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'structuredClone', 'performance'].map((name) => [
    name,
    'readonly',
  ]),
);

export default defineConfig(
  globalIgnores([
    'lib/',
    'dist/',
    // What builds leave beside the output and the cache (git-ignored).
    '.dist.trees/',
    '.dist.wiredesk/',
    '.wiredesk-cache/',
    'schemas/',
    'coverage/',
    // Peer generators' own sites and whatever a benchmark generates beside them.
    'bench/peers/eleventy/',
    'bench/peers/hugo/',
    // Golden fixtures hold files as a site's author writes them, some broken on purpose.
    'tests/fixtures/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: nodeGlobals },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // Control characters in patterns are the point here, never an accident: untrusted text is checked
      // for them (story files, HTTP request targets, imported feeds) and terminal output is made of them.
      'no-control-regex': 'off',
      // `typeof import('…')` stays allowed: it is how a test types the real module inside `vi.mock`.
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
);
