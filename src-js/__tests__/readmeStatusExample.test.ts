// This file is the "Testing a reconnecting banner and a sign-in prompt" example of
// docs/guides/testing.md, verbatim
// (readmeSync.test.ts checks that they stay equal).
// my-app/__tests__/status.test.ts
import DolbyIoIAPI, {
  ConnectionDropReason,
  ConnectionStatus,
  TokenStatus,
} from '@dolbyio/react-native-iapi-sdk';
import { mockControls } from '@dolbyio/react-native-iapi-sdk/jest';

jest.mock('@dolbyio/react-native-iapi-sdk', () =>
  require('@dolbyio/react-native-iapi-sdk/jest')
);

beforeEach(() => mockControls.reset());

test('a reconnecting banner, then a sign-in prompt', async () => {
  await DolbyIoIAPI.initializeToken(null, async () => 'token-1');
  await DolbyIoIAPI.session.open({ name: 'Ada' });
  const states: ConnectionStatus[] = [];
  DolbyIoIAPI.session.onConnectionStateChange((c) => states.push(c.state));

  mockControls.dropConnection({
    reason: ConnectionDropReason.NETWORK,
    reconnect: false,
  });
  expect(states).toEqual([ConnectionStatus.RECONNECTING]); // banner shown
  mockControls.restoreConnection();
  expect(states).toEqual([
    ConnectionStatus.RECONNECTING,
    ConnectionStatus.CONNECTED, // banner gone
  ]);

  // The backend cannot give a token any more and the token expires: sign in again.
  mockControls.failNextRefresh();
  const token = await mockControls.expireToken();
  expect(token.state).toBe(TokenStatus.EXPIRED);
  await expect(DolbyIoIAPI.getTokenState()).resolves.toMatchObject({
    state: TokenStatus.EXPIRED,
    refresh: { outcome: 'FAILED', errorCode: 'TOKEN_REFRESH_FAILED' },
  });
});
