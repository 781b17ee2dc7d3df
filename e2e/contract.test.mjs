// The contract suite (src-js/__tests__/helpers/contract.ts, the same one `npm test` runs against
// the Jest mock in src-js/__tests__/contract.mock.test.ts) against the real core: the Node
// entry over the Node host addon and a real emulator process. The Node entry is one SDK
// instance, so the second participant is driven over the emulator's REST routes (helpers.mjs).
import * as api from '@dolbyio/react-native-iapi-sdk/node';
import { contractSuite } from '../src-js/__tests__/helpers/contract.ts';
import {
  KEY,
  configureQuietly,
  restParticipant,
  waitFor,
  wsConnected,
  setUpEmulatorAndCore,
} from './helpers.mjs';

const emu = setUpEmulatorAndCore({ freshCore: false });

contractSuite({
  name: 'Rust core via the Node host',
  fresh: async () => {
    // No socket of an earlier test stays open: then eventsReady() sees this test's.
    await emu.dropWs();
    await waitFor(async () => (await emu.wsOpen()) === 0, 'no open WebSocket');
    // A fresh core (no token, no session, no current conference), its warnings (failed
    // refreshes the suite provokes) off the console.
    await configureQuietly({ baseUrl: emu.baseUrl, callbackTimeoutMs: 3000 });
    return api;
  },
  validToken: () => emu.mint(KEY, 600),
  expiredToken: () => emu.mint(KEY, -5),
  proactiveRefresh: async () => ({
    // The core asks at 1/2 of the time left: about a second from now.
    token: await emu.mint(KEY, 2),
    trigger: async () => undefined,
  }),
  eventsReady: () => wsConnected(emu),
  remoteParticipant: async (name) => {
    const remote = await restParticipant(emu, name);
    return {
      join: async (conferenceId) => {
        await remote.join(conferenceId);
        return remote.id;
      },
      leave: async (conferenceId) => {
        await remote.leave(conferenceId);
      },
      kick: async (conferenceId, participantId) => {
        await remote.kick(conferenceId, participantId);
      },
    };
  },
});
