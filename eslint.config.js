/**
 * ESLint flat config. Besides typescript-eslint and eslint-plugin-vue, it enforces the
 * layer arrows of DEVELOPERS.md (downwards only):
 *
 *   renderer/        -> @shared/* and renderer libraries only, talks to main via window.api
 *   electron/main    -> electron/core, shared      (electron/main/ipc/** never imports electron)
 *   electron/preload -> shared, electron
 *   electron/cli     -> shared, core, main's Electron-free parts (ipc/, dataDir, logFile), Node
 *   electron/core    -> shared, Node               (never electron, main, preload, renderer)
 *   shared/          -> zod only                   (no Node, no DOM, no electron, no other layer)
 */
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import { builtinModules } from 'node:module'

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)]
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

const sharedImports = sharedImportRules('zod$')
const sharedTestImports = sharedImportRules('zod$|vitest$')

function sharedImportRules(allowedLibraries) {
  return {
    paths: [
      ...nodeBuiltins.map((name) => ({ name, message: 'shared/ is pure TypeScript: no Node built-ins.' })),
      { name: 'electron', message: 'shared/ never imports electron.' },
    ],
    patterns: [
      {
        regex: `^(?!${allowedLibraries}|@shared/|\\.{1,2}/)`,
        message: 'shared/ may import only zod and other shared/ modules (no Node, DOM, electron or UI libraries).',
      },
      {
        regex: '^(\\.\\./)+(electron|renderer|test|scripts)(/|$)',
        message: 'shared/ never imports from electron/, renderer/ or test/.',
      },
    ],
  }
}

const coreImports = {
  paths: [{ name: 'electron', message: 'electron/core runs in plain Node (tests, the bridge): never import electron.' }],
  patterns: [
    { regex: '^electron/', message: 'electron/core never imports electron.' },
    {
      regex: '^(\\.\\./)+(main|preload|renderer|electron/main|electron/preload)(/|$)',
      message: 'electron/core never imports electron/main, electron/preload or renderer/.',
    },
  ],
}

const ipcImports = {
  paths: [
    {
      name: 'electron',
      message: 'electron/main/ipc/** is loaded by the Chromium bridge in plain Node: keep it free of electron.',
    },
  ],
  patterns: [
    { regex: '^electron/', message: 'electron/main/ipc/** never imports electron.' },
    {
      regex: '^(\\.\\./)+(index|window|protocol|hardening|clipboard)$',
      message: 'electron/main/ipc/** must not import the Electron-bound glue of main.',
    },
    { regex: '^(\\.\\./)+(renderer|preload)(/|$)', message: 'main never imports renderer/ or preload/.' },
  ],
}

const mainImports = {
  patterns: [{ regex: '^(\\.\\./)+(renderer|preload|electron/preload)(/|$)', message: 'main never imports renderer/ or preload/.' }],
}

const cliImports = {
  paths: [{ name: 'electron', message: 'The command line runs in plain Node: it never imports electron.' }],
  patterns: [
    { regex: '^(\\.\\./)+(renderer|preload)(/|$)', message: 'The command line never imports renderer/ or preload/.' },
    {
      regex: '^\\.\\./main/(?!ipc/|dataDir$|logFile$)',
      message: "The command line reuses only main's Electron-free parts: ipc/ (dispatcher, handlers), dataDir and logFile.",
    },
  ],
}

const preloadImports = {
  patterns: [
    {
      regex: '^(?!electron$|@shared/|\\./)',
      message: 'The sandboxed preload may import only electron, @shared/* and its own files (it can require nothing else).',
    },
  ],
}

// jsqr: QR images are decoded in the renderer (see features/handoff/qrImage.ts).
const rendererLibraries = ['vue', 'pinia', 'vue-router', 'reka-ui', 'jsqr']
const rendererTestLibraries = ['vitest', '@vue/test-utils']

function rendererImports(extraLibraries) {
  const allowed = [...rendererLibraries, ...extraLibraries].map((name) => `${escapeRegex(name)}$`)
  return {
    paths: [{ name: 'electron', message: 'The renderer talks to main only through window.api.' }],
    patterns: [
      {
        regex: `^(?!@shared/|@zxcvbn-ts/|\\.{1,2}/|${allowed.join('|')})`,
        message:
          'renderer/ may import only @shared/*, its own files and renderer libraries (vue, pinia, vue-router, reka-ui, @zxcvbn-ts/*).',
      },
      {
        regex: '^(\\.\\./)+(electron|shared|test|scripts)(/|$)',
        message: 'renderer/ reaches shared code through @shared/* and never imports electron/ or test/.',
      },
    ],
  }
}

const noRequireOrDynamicImport = [
  { selector: "CallExpression[callee.name='require']", message: 'Use static ES imports so the layer rules can see them.' },
]

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      '.native/**',
      'test-results/**',
      'playwright-report/**',
      'coverage/**',
      '.tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  { files: ['**/*.vue'], rules: pluginVue.configs['no-layout-rules'].rules },
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'vue/no-v-html': 'error',
      eqeqeq: ['error', 'always'],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },

  // --- runtimes ---
  {
    files: ['electron/**/*.ts', 'test/**/*.ts', 'scripts/**/*.{js,mjs,ts}', 'bin/**/*.mjs', '*.{js,ts,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  { files: ['renderer/**/*.{ts,vue}'], languageOptions: { globals: { ...globals.browser } } },

  // --- layer arrows ---
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', sharedImports],
      'no-restricted-syntax': ['error', ...noRequireOrDynamicImport, { selector: 'ImportExpression', message: 'No dynamic imports in shared/.' }],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'process', 'Buffer', '__dirname', 'require'].map(
          (name) => ({ name, message: 'shared/ runs in main and renderer alike: no DOM or Node globals.' }),
        ),
      ],
    },
  },
  { files: ['shared/**/*.test.ts'], rules: { 'no-restricted-imports': ['error', sharedTestImports] } },
  {
    files: ['electron/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', coreImports], 'no-restricted-syntax': ['error', ...noRequireOrDynamicImport] },
  },
  { files: ['electron/main/**/*.ts'], ignores: ['electron/main/ipc/**'], rules: { 'no-restricted-imports': ['error', mainImports] } },
  {
    files: ['electron/main/ipc/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', ipcImports], 'no-restricted-syntax': ['error', ...noRequireOrDynamicImport] },
  },
  { files: ['electron/preload/**/*.ts'], rules: { 'no-restricted-imports': ['error', preloadImports] } },
  {
    files: ['electron/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', cliImports], 'no-restricted-syntax': ['error', ...noRequireOrDynamicImport] },
  },
  {
    files: ['renderer/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': ['error', rendererImports([])],
      'no-restricted-syntax': ['error', ...noRequireOrDynamicImport],
    },
  },
  {
    files: ['renderer/**/*.test.ts', 'renderer/**/testing.ts', 'renderer/**/__tests__/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', rendererImports(rendererTestLibraries)] },
  },

  // --- secrets and randomness ---
  { files: ['electron/**/*.ts'], rules: { 'no-console': 'error' } },
  {
    files: ['electron/**/*.ts', 'shared/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the CSPRNG (randomBytes / crypto.getRandomValues).' },
        { object: 'shell', property: 'openExternal', message: 'The app never opens external URLs.' },
      ],
    },
  },
)
