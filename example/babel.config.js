// The template's preset, plus react-native-builder-bob's config for the library's sources
// in ../src-js (as create-react-native-library's example does).
const path = require('path');
const { getConfig } = require('react-native-builder-bob/babel-config');
const pkg = require('../package.json');

const root = path.resolve(__dirname, '..');

module.exports = getConfig(
  { presets: ['module:@react-native/babel-preset'] },
  { root, pkg }
);
