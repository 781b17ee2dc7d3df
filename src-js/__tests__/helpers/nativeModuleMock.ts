import { FakeNativeModule } from './FakeNativeModule';

/**
 * The native module as the code under test sees it: a proxy to a fresh
 * {@link FakeNativeModule} per test. Install it with
 * `jest.mock('../nativeModule', () => require('./helpers/nativeModuleMock').mockModule)`
 * (the injection point the services call), or in place of the TurboModule with
 * `jest.mock('../NativeDolbyIoIAPI', ...)` when the test imports the package entry,
 * and call `freshFake()` in `beforeEach`.
 */
let current = new FakeNativeModule();

export function freshFake(): FakeNativeModule {
  current = new FakeNativeModule();
  return current;
}

export const mockModule = {
  __esModule: true,
  installNativeModule: (): void => undefined,
  default: new Proxy(
    {},
    {
      get: (_target, key) => Reflect.get(current, key, current) as unknown,
    }
  ),
};
