import type { StateSource } from './store';

/**
 * The SDK instance the hooks use when none is given: the package entry that was imported (the
 * React Native entry, or the repository's Node entry) registers its single instance here.
 */
let registered: StateSource | null = null;

/** Makes `sdk` the instance the hooks use by default. */
export function setDefaultHooksInstance(sdk: StateSource): void {
  registered = sdk;
}

/** The registered instance; null when no entry registered one. */
export function defaultHooksInstance(): StateSource | null {
  return registered;
}
