// This file is the "An example test" example of docs/guides/testing.md, verbatim
// (readmeSync.test.ts checks that they stay equal).
// my-app/__tests__/call.test.ts
import DolbyIoIAPI, { ErrorCode } from '@dolbyio/react-native-iapi-sdk';
import { mockControls } from '@dolbyio/react-native-iapi-sdk/jest';

jest.mock('@dolbyio/react-native-iapi-sdk', () =>
  require('@dolbyio/react-native-iapi-sdk/jest')
);

beforeEach(() => mockControls.reset());

test('joins the stand-up with a token from our backend', async () => {
  const fetchToken = jest.fn(async (_isExpired: boolean) => 'token-1');
  await DolbyIoIAPI.initializeToken(null, fetchToken);
  expect(fetchToken).toHaveBeenCalledWith(true); // no token yet: asked at once

  await DolbyIoIAPI.session.open({ name: 'Ada' });
  const conference = await DolbyIoIAPI.conference.create({ alias: 'standup' });
  const onParticipants = jest.fn();
  const unsubscribe =
    DolbyIoIAPI.conference.onParticipantsChange(onParticipants);
  await DolbyIoIAPI.conference.join(conference);

  mockControls.addParticipant({ name: 'Bob' });
  expect(onParticipants).toHaveBeenLastCalledWith(
    expect.objectContaining({
      event: 'ADDED',
      participant: expect.objectContaining({ info: { name: 'Bob' } }),
    })
  );
  unsubscribe();

  // Later the SDK refreshes the token: the callback is asked again.
  fetchToken.mockResolvedValueOnce('token-2');
  await expect(mockControls.refreshAccessToken(false)).resolves.toBe('token-2');
  expect(fetchToken).toHaveBeenLastCalledWith(false);
});

test('surfaces SDK errors with their code', async () => {
  await DolbyIoIAPI.initialize('key', 'secret');
  mockControls.failNext('session.open', ErrorCode.NETWORK, 'offline');
  await expect(DolbyIoIAPI.session.open({ name: 'Ada' })).rejects.toMatchObject(
    { code: ErrorCode.NETWORK, message: 'offline' }
  );
  expect(DolbyIoIAPI.session.open).toHaveBeenCalledTimes(1);
});
