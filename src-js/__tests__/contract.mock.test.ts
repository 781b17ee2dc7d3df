// The contract suite (helpers/contract.ts) against the Jest mock for apps, mocked in as an
// app's tests do; the same suite runs against the real core in e2e/contract.test.mjs.
import * as api from '@dolbyio/react-native-iapi-sdk';
import { mockControls } from '@dolbyio/react-native-iapi-sdk/jest';
import { contractSuite, type ContractApi } from './helpers/contract';

jest.mock('@dolbyio/react-native-iapi-sdk', () =>
  require('@dolbyio/react-native-iapi-sdk/jest')
);

/** An unsigned JWT whose `exp` is `seconds` from now (the mock reads only `exp`). */
function jwt(seconds: number): string {
  const part = (value: object) =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({
    iat: now,
    exp: now + seconds,
  })}.signature`;
}

contractSuite({
  name: 'Jest mock',
  fresh: async () => {
    mockControls.reset();
    return api as ContractApi;
  },
  validToken: async () => jwt(3600),
  expiredToken: async () => jwt(-5),
  proactiveRefresh: async () => ({
    token: jwt(3600),
    // The mock has no schedule: the test asks it to refresh, as the SDK's schedule would.
    trigger: () => mockControls.refreshAccessToken(false),
  }),
  eventsReady: async () => undefined,
  remoteParticipant: async (name) => {
    let id = '';
    return {
      join: async (conferenceId) => {
        const current = await api.default.conference.current();
        expect(current?.id).toBe(conferenceId);
        id = mockControls.addParticipant({ name }).id;
        return id;
      },
      leave: async () => mockControls.removeParticipant(id),
      kick: async (_conferenceId, participantId) =>
        mockControls.kickParticipant(participantId),
    };
  },
});
