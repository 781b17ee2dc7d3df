/**
 * @jest-environment node
 */
// The Expo config plugin (app.plugin.js) on fixture app configs, run as `expo prebuild` runs it:
// @expo/config-plugins' withPlugins resolves each `plugins` entry by the package's name from the
// app's folder (a temporary app whose node_modules links to this repository) and loads its
// app.plugin.js.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { withPlugins } = require('@expo/config-plugins');
const plugin = require('../../app.plugin');
const sdk = require('../privacy-manifest.json');

let projectRoot;
beforeAll(() => {
  projectRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'iapi-expo-plugin-'));
  const scope = path.join(projectRoot, 'node_modules/@dolbyio');
  fs.mkdirSync(scope, { recursive: true });
  fs.symlinkSync(
    path.resolve(__dirname, '../..'),
    path.join(scope, 'react-native-iapi-sdk')
  );
});
afterAll(() => fs.rmSync(projectRoot, { recursive: true, force: true }));

const fixture = (name) => ({
  ...JSON.parse(
    fs.readFileSync(path.join(__dirname, '../__fixtures__', name), 'utf8')
  ).expo,
  _internal: { projectRoot },
});

/** Applies the fixture's `plugins` as prebuild does (by name, from the app's folder). */
const prebuildConfig = (config) => withPlugins(config, config.plugins || []);

const sdkTypes = sdk.accessedAPITypes.map(({ type, reasons }) => ({
  NSPrivacyAccessedAPIType: type,
  NSPrivacyAccessedAPITypeReasons: reasons,
}));

test('an app without privacy settings gets the SDK entries', () => {
  // Found through the package's exports ("./app.plugin.js"): no warning from Expo.
  const warn = jest.spyOn(console, 'warn');
  const config = prebuildConfig(fixture('app-bare.json'));
  expect(config.ios.privacyManifests).toEqual({
    NSPrivacyAccessedAPITypes: sdkTypes,
  });
  expect(sdkTypes.length).toBeGreaterThan(0);
  expect(warn).not.toHaveBeenCalled();
  warn.mockRestore();
});

test("an app's own entries are kept; a shared type gets the SDK's missing reasons once", () => {
  const input = fixture('app-own-privacy.json');
  const config = prebuildConfig(input);
  const manifests = config.ios.privacyManifests;
  expect(manifests.NSPrivacyTracking).toBe(false);
  expect(manifests.NSPrivacyCollectedDataTypes).toEqual(
    input.ios.privacyManifests.NSPrivacyCollectedDataTypes
  );
  const byType = Object.fromEntries(
    manifests.NSPrivacyAccessedAPITypes.map((t) => [
      t.NSPrivacyAccessedAPIType,
      t.NSPrivacyAccessedAPITypeReasons,
    ])
  );
  expect(byType.NSPrivacyAccessedAPICategoryUserDefaults).toEqual(['CA92.1']);
  for (const { type, reasons } of sdk.accessedAPITypes) {
    for (const reason of reasons) {
      expect(byType[type].filter((r) => r === reason)).toHaveLength(1);
    }
  }
  expect(byType.NSPrivacyAccessedAPICategoryFileTimestamp).toEqual(
    expect.arrayContaining(['DDA9.1', 'C617.1'])
  );
  // The fixture itself is not changed.
  expect(
    input.ios.privacyManifests.NSPrivacyAccessedAPITypes[1]
      .NSPrivacyAccessedAPITypeReasons
  ).toEqual(['DDA9.1']);
  expect(config.ios.bundleIdentifier).toBe('com.example.ownprivacy');
});

test('listed twice, it runs once (no duplicate entries)', () => {
  const config = withPlugins(fixture('app-bare.json'), [
    '@dolbyio/react-native-iapi-sdk',
    plugin,
  ]);
  expect(config.ios.privacyManifests.NSPrivacyAccessedAPITypes).toEqual(
    sdkTypes
  );
});

test('privacyManifest: false leaves the config alone', () => {
  const input = fixture('app-bare.json');
  const config = plugin(input, { privacyManifest: false });
  expect(config.ios).toBeUndefined();
});

test.each([
  ['a string', 'yes', /the plugin's options must be an object, got "yes"/],
  ['an array', [true], /the plugin's options must be an object/],
  [
    'an unknown option',
    { privacyManifests: true },
    /unknown plugin option "privacyManifests" \(known: privacyManifest\)/,
  ],
  [
    'a wrong type',
    { privacyManifest: 'true' },
    /"privacyManifest" must be a boolean, got "true"/,
  ],
])('refuses %s as options', (_what, options, message) => {
  expect(() => plugin(fixture('app-bare.json'), options)).toThrow(message);
  expect(() => plugin(fixture('app-bare.json'), options)).toThrow(
    /^@dolbyio\/react-native-iapi-sdk: /
  );
});

test('the package names its plugin file and ships it', () => {
  const pkg = require('../../package.json');
  expect(pkg.files).toEqual(
    expect.arrayContaining(['app.plugin.js', 'plugin'])
  );
});
