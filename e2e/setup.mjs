// After each test file: the Node entry's SDK (one instance per file) is replaced by an idle one,
// which shuts the file's core down, so that nothing of it (a refresh schedule, a reconnecting
// socket, the console lines of its platform log) outlives the file's tests and emulator: Jest
// fails a run that logs after its tests are done. (Each core logs only its own work, so the
// idle one prints nothing.)
import { configure } from '@dolbyio/react-native-iapi-sdk/node';

afterAll(() => {
  // A loopback URL nobody is asked: the new core stays idle (no token, no session).
  configure({ baseUrl: 'http://127.0.0.1:9' });
});
