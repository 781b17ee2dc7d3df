// Autolinking: the library is the repository root (`..`), not an entry of node_modules.
// `react-native config` then reads ../react-native.config.js (Android package) and
// ../react-native-iapi-sdk.podspec (iOS), and codegen reads ../package.json "codegenConfig".
const path = require('path');
const pkg = require('../package.json');

module.exports = {
  project: {
    ios: { automaticPodsInstallation: false },
  },
  dependencies: {
    [pkg.name]: {
      root: path.join(__dirname, '..'),
    },
  },
};
