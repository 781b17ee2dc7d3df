// The example app's Jest without the package's mock, against the packed tarball installed as an
// app installs it (scripts/test-example.sh packs it and points IAPI_TARBALL_NODE_MODULES at the
// node_modules folder it is extracted into). React Native's default preset, nothing mapped: the
// package resolves through its `exports` (the `require` condition, the CommonJS build), as in an
// app that never set up the mock.
const path = require('path');

const tarballModules = process.env.IAPI_TARBALL_NODE_MODULES;
if (!tarballModules) {
  throw new Error(
    'IAPI_TARBALL_NODE_MODULES is not set: run this through scripts/test-example.sh'
  );
}

module.exports = {
  rootDir: path.resolve(__dirname, '..'),
  preset: '@react-native/jest-preset',
  testMatch: ['<rootDir>/jest-without-mock/*.tarball.tsx'],
  // The installed package first, then the app's own modules (react, react-native), which the
  // package's files also import from there.
  modulePaths: [tarballModules, '<rootDir>/node_modules'],
  testTimeout: 60000,
};
