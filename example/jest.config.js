// The app's tests run against the package's Jest mock (`@dolbyio/react-native-iapi-sdk/jest`),
// wired for every test file in jest.setup.js, as the package's README asks of apps.
const path = require('path');

const root = path.resolve(__dirname, '..');

module.exports = {
  preset: '@react-native/jest-preset',
  setupFiles: ['<rootDir>/jest.setup.js'],
  // The library lives in the repository root rather than node_modules.
  moduleNameMapper: {
    '^@dolbyio/react-native-iapi-sdk$': path.join(root, 'src-js/index.ts'),
    '^@dolbyio/react-native-iapi-sdk/jest$': path.join(root, 'jest/index.js'),
    // The package's hooks (loaded by the mock from ../src-js) use this app's React, as in the
    // app's bundle (metro.config.js), not the repository root's dev copy.
    '^react$': path.join(__dirname, 'node_modules/react'),
    '^react/(.*)$': path.join(__dirname, 'node_modules/react/$1'),
  },
  modulePathIgnorePatterns: [path.join(root, 'lib') + '/'],
  // Modules required from the library's files (../jest, ../src-js), e.g. Babel's runtime
  // helpers, come from this app's node_modules: the root's may not be installed.
  modulePaths: ['<rootDir>/node_modules'],
  testPathIgnorePatterns: ['/node_modules/'],
  // The first test transforms react-native: slow on a cold cache.
  testTimeout: 60000,
};
