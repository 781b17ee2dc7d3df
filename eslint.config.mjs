// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Lint only the JS/TS part of the repository.
    ignores: [
      '**/node_modules/',
      'lib/',
      'build/',
      'docs/',
      'target/',
      'rust-core/',
      'emulator/',
      'bindings/',
      'android/',
      'ios/',
      'example/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src-js/**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          // The docs are generated with TypeScript 4.4, which cannot parse `satisfies`.
          selector: 'TSSatisfiesExpression',
          message: 'Keep src-js parseable by TypeScript 4.4 (docs).',
        },
      ],
    },
  },
  {
    files: ['src-js/**/__tests__/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Node ESM: the demo, the end-to-end tests (Jest globals) and helpers.
    files: ['**/*.mjs'],
    languageOptions: {
      sourceType: 'module',
      globals: { ...globals.node, ...globals.jest },
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { ...globals.node, ...globals.jest },
    },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  prettier
);
