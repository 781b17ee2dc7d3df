import { DolbyIoIAPI } from './DolbyIoIAPI';
import TurboModule from './NativeDolbyIoIAPI';
import { installNativeModule, missingNativeModule } from './nativeModule';
import { setDefaultHooksInstance } from './hooks/defaultInstance';

// The React Native entry: the services call the TurboModule. Without it (an app not rebuilt
// after installing the package, Expo Go, a Jest test without the mock) importing still works
// and every call rejects with INVALID_STATE and a message saying what to do.
installNativeModule(TurboModule ?? missingNativeModule());

/** The SDK's single instance. */
const instance = new DolbyIoIAPI();
export default instance;

// The React hooks (src-js/hooks) use this instance unless given another.
setDefaultHooksInstance(instance);

export * from './exports';
