// After each test file: the Node entry's SDK (one instance per file) is replaced by an idle one,
// which shuts the file's core down, so that nothing of it (a refresh schedule, a reconnecting
// socket, the console lines of its platform log) outlives the file's tests and emulator: Jest
// fails a run that logs after its tests are done. The idle core logs nothing either: the core's
// logger is process-wide, so a live core with the platform log on would also print the records
// of the cores of later files.
import DolbyIoIAPI, {
  LogLevel,
  configure,
} from '@dolbyio/react-native-iapi-sdk/node';

afterAll(async () => {
  // A loopback URL nobody is asked: the new core stays idle (no token, no session).
  configure({ baseUrl: 'http://127.0.0.1:9' });
  await DolbyIoIAPI.setLogLevel(LogLevel.OFF, { platformLog: false });
});
