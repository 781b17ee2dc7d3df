import { Platform } from 'react-native';

/** The port of the example's token server (`npm run token-server`, scripts/token-server.mjs). */
export const TOKEN_SERVER_PORT = 8090;

/**
 * Where the app asks for tokens by default. The Android emulator reaches the host machine at
 * 10.0.2.2; the iOS simulator shares the host's loopback. On a device, or with
 * `adb reverse tcp:8090 tcp:8090`, type another URL in the app.
 */
export const DEFAULT_TOKEN_URL =
  Platform.OS === 'android'
    ? `http://10.0.2.2:${TOKEN_SERVER_PORT}/token`
    : `http://127.0.0.1:${TOKEN_SERVER_PORT}/token`;

/** The conference alias the app suggests. */
export const DEFAULT_ALIAS = 'iapi-example';

/** The deep link that runs the whole flow on launch (used by CI smoke runs). */
export const SMOKE_URL_PREFIX = 'iapiexample://smoke';
