// The emulator's field faults end to end (issue 22): the TypeScript API over the Node host, the
// real core and an emulator process. A response whose `Date` is hours off (a proxy or edge node
// with a wrong clock) must neither fail calls nor make the core ask the app for tokens; a server
// that closes every event socket right after its handshake must be retried with backoff, not
// hammered. Both faults go through the emulator's control API (`emu.injectFault`).
import DolbyIoIAPI from '@dolbyio/react-native-iapi-sdk/node';
import {
  KEY,
  recordingCallback,
  sleep,
  waitFor,
  wsConnected,
  setUpEmulatorAndCore,
} from './helpers.mjs';

const emu = setUpEmulatorAndCore();

afterEach(async () => {
  await emu.clearFaults();
  if (await DolbyIoIAPI.session.isOpen()) await DolbyIoIAPI.session.close();
});

test.each([
  ['2 h ahead', 7_200_000],
  ['in year 9999', 9_000_000_000_000_000_000],
  ['in 1970', -9_000_000_000_000_000_000],
])(
  'one response dated %s fails no call and asks the callback for nothing',
  async (_, dateOffsetMs) => {
    const { callback, calls } = recordingCallback(() => emu.mint(KEY, 3600));
    await DolbyIoIAPI.initializeToken(await emu.mint(KEY, 3600), callback);
    await DolbyIoIAPI.session.open({ name: 'Ada' });
    await emu.injectFault({
      route: 'conferenceCreate',
      kind: 'date',
      dateOffsetMs,
      times: 1,
    });
    for (let i = 0; i < 10; i += 1) {
      await DolbyIoIAPI.conference.create();
    }
    expect(calls).toEqual([]);
  }
);

test('a server closing every socket after its handshake is retried with backoff', async () => {
  await DolbyIoIAPI.initializeToken(null, () => emu.mint(KEY, 3600));
  await DolbyIoIAPI.session.open({ name: 'Ada' });
  await wsConnected(emu);
  const conf = await DolbyIoIAPI.conference.create();
  await DolbyIoIAPI.conference.join(conf);
  await emu.injectFault({ route: 'ws', kind: 'closeAfterHandshake' });
  const before = await emu.counters();
  await emu.dropWs();
  await sleep(3000);
  const after = await emu.counters();
  const connections = after.ws - before.ws;
  const resyncs = after.conferenceFetch - before.conferenceFetch;
  // 250 ms doubling with jitter: at most 5 attempts in 3 s (about 12 before the fix).
  expect(connections).toBeGreaterThanOrEqual(2);
  expect(connections).toBeLessThanOrEqual(6);
  expect(resyncs).toBeLessThanOrEqual(6);
  // The server recovers: the session's socket comes back.
  await emu.clearFaults();
  await waitFor(
    async () => (await emu.wsOpen()) === 1,
    'the socket back',
    15_000
  );
  await DolbyIoIAPI.conference.leave();
});
