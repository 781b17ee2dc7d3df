/**
 * The Expo config plugin of @dolbyio/react-native-iapi-sdk, for `expo prebuild` / EAS Build.
 *
 *   "plugins": ["@dolbyio/react-native-iapi-sdk"]
 *   "plugins": [["@dolbyio/react-native-iapi-sdk", { "privacyManifest": true }]]
 *
 * The package is an autolinked TurboModule: the native projects need nothing from this plugin.
 * What it does is add the SDK's entries of Apple's privacy manifest (the required-reason APIs
 * its Rust core reaches, plugin/privacy-manifest.json, the same as the pod's
 * ios/PrivacyInfo.xcprivacy) to the app's `ios.privacyManifests`, which Expo writes into the
 * app's PrivacyInfo.xcprivacy: the app's own entries are kept, a reason the app already gives
 * is not repeated. The pod ships its own manifest in a resource bundle as well; declaring the
 * entries at app level too keeps them when a build tool does not merge the pod's.
 *
 * Options (all optional; anything else is refused, so that a typo does not go unnoticed):
 *   privacyManifest  boolean, default true: add the entries to `ios.privacyManifests`.
 */
'use strict';

const pkg = require('../package.json');
const sdkManifest = require('./privacy-manifest.json');

/**
 * Expo's own copy first (`expo` is an optional peer dependency, so that strict installs such
 * as pnpm's let this package resolve it), so the plugin runs with the app's Expo version.
 */
function configPlugins() {
  try {
    return require('expo/config-plugins');
  } catch {
    return require('@expo/config-plugins');
  }
}

const OPTIONS = {
  privacyManifest: 'boolean',
};

/** Checks the plugin's options and returns them with their defaults. */
function validateOptions(options) {
  if (options === undefined || options === null) {
    return { privacyManifest: true };
  }
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new Error(
      `${pkg.name}: the plugin's options must be an object, got ${JSON.stringify(options)}`
    );
  }
  for (const [key, value] of Object.entries(options)) {
    if (!(key in OPTIONS)) {
      throw new Error(
        `${pkg.name}: unknown plugin option "${key}" (known: ${Object.keys(OPTIONS).join(', ')})`
      );
    }
    if (typeof value !== OPTIONS[key]) {
      throw new Error(
        `${pkg.name}: the plugin option "${key}" must be a ${OPTIONS[key]}, got ${JSON.stringify(value)}`
      );
    }
  }
  return { privacyManifest: true, ...options };
}

/**
 * Returns the app's `ios.privacyManifests` with the SDK's required-reason API entries merged
 * in: an API type the app already declares gets the SDK's reasons it lacks; other types are
 * appended. Nothing else (tracking, collected data) is changed.
 */
function mergePrivacyManifests(appManifests, sdk = sdkManifest) {
  const merged = { ...(appManifests || {}) };
  const types = (merged.NSPrivacyAccessedAPITypes || []).map((entry) => ({
    ...entry,
    NSPrivacyAccessedAPITypeReasons: [
      ...(entry.NSPrivacyAccessedAPITypeReasons || []),
    ],
  }));
  for (const { type, reasons } of sdk.accessedAPITypes) {
    const existing = types.find(
      (entry) => entry.NSPrivacyAccessedAPIType === type
    );
    if (existing) {
      for (const reason of reasons) {
        if (!existing.NSPrivacyAccessedAPITypeReasons.includes(reason)) {
          existing.NSPrivacyAccessedAPITypeReasons.push(reason);
        }
      }
    } else {
      types.push({
        NSPrivacyAccessedAPIType: type,
        NSPrivacyAccessedAPITypeReasons: [...reasons],
      });
    }
  }
  merged.NSPrivacyAccessedAPITypes = types;
  return merged;
}

/** The plugin: `withDolbyIoIAPI(config, options)`. */
function withDolbyIoIAPI(config, options) {
  const { privacyManifest } = validateOptions(options);
  if (!privacyManifest) {
    return config;
  }
  return {
    ...config,
    ios: {
      ...(config.ios || {}),
      privacyManifests: mergePrivacyManifests(
        config.ios && config.ios.privacyManifests
      ),
    },
  };
}

module.exports = configPlugins().createRunOncePlugin(
  withDolbyIoIAPI,
  pkg.name,
  pkg.version
);
module.exports.validateOptions = validateOptions;
module.exports.mergePrivacyManifests = mergePrivacyManifests;
