// Metro for the example app: the library comes from the repository root (`..`), as in
// create-react-native-library's example. Bundles the library's TypeScript sources (its
// package.json "source", src-js/index.ts), and resolves react / react-native and
// every other module only from example/node_modules, so that the root's own dev copies
// never end up in the bundle next to the app's.
const path = require('path');
const { getDefaultConfig, mergeConfig } = require('@react-native/metro-config');

const root = path.resolve(__dirname, '..');
const pkg = require('../package.json');
const escape = (p) => p.replace(/[/\\^$*+?.()|[\]{}]/g, '\\$&');

// Everything in the repository but the library's JS sources and its package.json.
const blocked = [
  'node_modules',
  'lib',
  'target',
  'build',
  'android',
  'ios',
  'rust-core',
  'emulator',
  'bindings',
  'docs',
  'demo',
  'e2e',
  'scripts',
  '.git',
].map((dir) => new RegExp(`^${escape(path.join(root, dir))}[/\\\\].*`));
blocked.push(/[/\\]__tests__[/\\].*/);

/** @type {import('@react-native/metro-config').MetroConfig} */
const config = {
  projectRoot: __dirname,
  watchFolders: [root],
  resolver: {
    blockList: blocked,
    // The root's node_modules is blocked: modules imported from ../src-js (react-native)
    // are found here instead.
    nodeModulesPaths: [path.join(__dirname, 'node_modules')],
    // The package itself: its TypeScript entry (package.json "source", ../src-js/index.ts).
    resolveRequest: (context, moduleName, platform) =>
      moduleName === pkg.name
        ? { type: 'sourceFile', filePath: path.join(root, pkg.source) }
        : context.resolveRequest(context, moduleName, platform),
  },
};

module.exports = mergeConfig(getDefaultConfig(__dirname), config);
