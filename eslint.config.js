// The layers' fences (docs/ARCHITECTURE.md): each folder of src/ may import only the layers
// below it, so a wrong import fails `npm test`. Tests and harnesses may reach anywhere.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Which other layers a layer's code may import from (its own folder always). */
const LAYERS = {
  shared: [],
  engine: ['shared'],
  protocol: ['shared'],
  server: ['engine', 'protocol', 'shared'],
  worker: ['engine', 'protocol', 'shared'],
  python: ['worker', 'protocol', 'shared'],
  cli: ['shared'],
  'workbench-lang': ['cli', 'shared'],
  lessons: ['cli', 'shared'],
  store: ['lessons', 'shared'],
  ui: ['cli', 'lessons', 'store', 'worker', 'python', 'workbench-lang', 'shared'],
};
const ALL = Object.keys(LAYERS);

/** Import patterns that reach a layer from inside src/<from>/ (any depth). */
function forbidden(from) {
  const banned = ALL.filter((l) => l !== from && !LAYERS[from].includes(l));
  return banned.flatMap((l) => [`../${l}/*`, `../../${l}/*`, `../../../${l}/*`, `**/src/${l}/*`]);
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tmp/**', 'test-results/**', 'playwright-report/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    // typescript-eslint's type-aware rules: floating promises, unsafe any, needless assertions.
    files: ['**/*.ts', '**/*.tsx'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    // Keys and values are byte strings: control characters in a pattern are meant.
    rules: { 'no-control-regex': 'off' },
  },
  ...ALL.map((layer) => ({
    files: [`src/${layer}/**/*.ts`, `src/${layer}/**/*.tsx`],
    ignores: ['**/*.test.ts', 'src/lessons/headless.ts'],
    languageOptions: { parser: tseslint.parser },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: forbidden(layer), message: `src/${layer} may import only ${[...LAYERS[layer], layer].join(', ')} (docs/ARCHITECTURE.md).` }] },
      ],
    },
  })),
  {
    // Lesson content is data: the lesson model and nothing else.
    files: ['lessons/**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ALL.filter((l) => l !== 'lessons').map((l) => `../src/${l}/*`), message: 'A lesson imports only the lesson model (src/lessons).' },
          ],
        },
      ],
    },
  },
  {
    // End-to-end tests run under Playwright Test (playwright.config.ts) and wait for conditions,
    // never for a fixed time; a test.only left behind would skip the rest.
    files: ['e2e/**/*.ts', 'playwright.config.ts'],
    languageOptions: { parser: tseslint.parser },
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vitest', message: 'e2e/ runs under Playwright Test: take test and expect from ./fixtures.js.' }] }],
      'no-restricted-properties': [
        'error',
        { property: 'waitForTimeout', message: 'Wait for a condition (expect, expect.poll, waitForFunction), not for time.' },
        { object: 'test', property: 'only', message: 'A test.only runs that test alone.' },
      ],
    },
  },
  {
    // React's rules of hooks and effect dependencies, for the page's components.
    files: ['src/ui/**/*.tsx', 'src/ui/**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
);
