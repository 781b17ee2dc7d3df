/**
 * End-to-end tests: the built TypeScript API (`@dolbyio/react-native-iapi-sdk/node`, i.e.
 * lib/module/node) over the Node host addon, the real Rust core and a real emulator process.
 * Native ESM (run with --experimental-vm-modules, see scripts/test-e2e.sh), no transform of
 * the tests or the package: they run exactly what Node users import (only the TypeScript
 * contract suite has its types stripped, see `transform`).
 * @type {import('jest').Config}
 */
module.exports = {
  rootDir: '..',
  roots: ['<rootDir>/e2e'],
  testEnvironment: 'node',
  testMatch: ['<rootDir>/e2e/**/*.test.mjs'],
  // Shuts each file's core down after its tests (see the file).
  setupFilesAfterEnv: ['<rootDir>/e2e/setup.mjs'],
  // Only the contract suite shared with the Jest mock run (e2e/contract.test.mjs imports
  // src-js/__tests__/helpers/contract.ts) is TypeScript: its types are stripped, it stays ESM.
  transform: {
    '\\.ts$': [
      'babel-jest',
      {
        babelrc: false,
        configFile: false,
        presets: ['@babel/preset-typescript'],
      },
    ],
  },
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['mjs', 'js', 'cjs', 'ts', 'json', 'node'],
  moduleNameMapper: {
    '^@dolbyio/react-native-iapi-sdk/node$':
      '<rootDir>/lib/module/node/index.js',
    '^@dolbyio/react-native-iapi-sdk/node-host$':
      '<rootDir>/bindings/node/index.js',
    '^@dolbyio/react-native-iapi-sdk/jest$': '<rootDir>/jest/index.js',
  },
  modulePathIgnorePatterns: ['<rootDir>/build/', '<rootDir>/target/'],
  testTimeout: 30000,
  // One file at a time: timing assertions (proactive refresh) stay stable on small machines.
  maxWorkers: 1,
};
