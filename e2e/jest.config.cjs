/**
 * End-to-end tests: the built TypeScript API (`@dolbyio/react-native-iapi-sdk/node`, i.e.
 * lib/module/node) over the Node host addon, the real Rust core and a real emulator process.
 * Native ESM (run with --experimental-vm-modules, see scripts/test-e2e.sh), no transform:
 * the tests run exactly what Node users import.
 * @type {import('jest').Config}
 */
module.exports = {
  rootDir: '..',
  roots: ['<rootDir>/e2e'],
  testEnvironment: 'node',
  testMatch: ['<rootDir>/e2e/**/*.test.mjs'],
  transform: {},
  moduleFileExtensions: ['mjs', 'js', 'cjs', 'json', 'node'],
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
