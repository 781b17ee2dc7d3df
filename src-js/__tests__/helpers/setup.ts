import type { FakeNativeModule } from './FakeNativeModule';
import { freshFake } from './nativeModuleMock';

/**
 * Gives each test a fresh fake native module and fails the test when the code under test
 * broke the native contract (answered a token request twice or with an unknown id, ...).
 */
export function useFakeNativeModule(): { readonly fake: FakeNativeModule } {
  const holder = { fake: freshFake() };
  beforeEach(() => {
    holder.fake = freshFake();
  });
  afterEach(() => {
    expect(holder.fake.violations).toEqual([]);
  });
  return holder;
}
