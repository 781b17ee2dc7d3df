// The React hooks over the package's Jest mock, rendered with React Native Testing Library, as
// an app's tests use them: the initial state, updates, unmount removes every listener, React
// StrictMode, and two components sharing one subscription.
import { StrictMode } from 'react';
import { Text } from 'react-native';
import { act, render, screen } from '@testing-library/react-native';
import DolbyIoIAPI, {
  ConnectionStatus,
  TokenStatus,
  useConference,
  useConnectionState,
  useParticipants,
  useSession,
  useTokenState,
} from '@dolbyio/react-native-iapi-sdk';
import { mockControls } from '@dolbyio/react-native-iapi-sdk/jest';

jest.mock('@dolbyio/react-native-iapi-sdk', () =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- as the README asks of apps
  require('@dolbyio/react-native-iapi-sdk/jest')
);

// The first render loads React Native's modules: slow on a cold transform cache.
jest.setTimeout(30000);

beforeEach(() => mockControls.reset());

/** Everything the hooks show, as one line of text per hook. */
function Status({ id = 'status' }: { id?: string }) {
  const connection = useConnectionState();
  const token = useTokenState();
  const session = useSession();
  const { conference, status } = useConference();
  const participants = useParticipants();
  return (
    <>
      <Text testID={`${id}-connection`}>{connection.state}</Text>
      <Text testID={`${id}-token`}>{token.state}</Text>
      <Text testID={`${id}-session`}>
        {session.isOpen
          ? `open ${session.participant?.info.name ?? '(reading)'}`
          : 'closed'}
      </Text>
      <Text testID={`${id}-conference`}>
        {conference ? `${conference.alias} ${status}` : 'none'}
      </Text>
      <Text testID={`${id}-participants`}>
        {participants.map((p) => p.info.name).join(',')}
      </Text>
    </>
  );
}

const shown = (what: string, id = 'status') =>
  screen.getByTestId(`${id}-${what}`).props.children;

/** The mock's listeners of the events the hooks use. */
const listeners = () => {
  const count = mockControls.listenerCount();
  return {
    onConnectionStateChange: count.onConnectionStateChange,
    onTokenStateChange: count.onTokenStateChange,
    onParticipantsChange: count.onParticipantsChange,
    onStatusChange: count.onStatusChange,
  };
};
const none = {
  onConnectionStateChange: 0,
  onTokenStateChange: 0,
  onParticipantsChange: 0,
  onStatusChange: 0,
};
const one = {
  onConnectionStateChange: 1,
  onTokenStateChange: 1,
  onParticipantsChange: 1,
  onStatusChange: 1,
};

/** Ada in the conference 'standup', with Bob. */
async function adaWithBob() {
  await DolbyIoIAPI.initializeToken(null, async () => 'token');
  await DolbyIoIAPI.session.open({ name: 'Ada' });
  const conference = await DolbyIoIAPI.conference.create({ alias: 'standup' });
  await DolbyIoIAPI.conference.join(conference);
  return mockControls.addParticipant({ name: 'Bob' });
}

test('before anything: disconnected, no token, no session, no conference', async () => {
  render(<Status />);
  expect(shown('connection')).toBe(ConnectionStatus.DISCONNECTED);
  await act(async () => {}); // the getters' answers
  expect(shown('connection')).toBe(ConnectionStatus.DISCONNECTED);
  expect(shown('token')).toBe(TokenStatus.NONE);
  expect(shown('session')).toBe('closed');
  expect(shown('conference')).toBe('none');
  expect(shown('participants')).toBe('');
});

test('initial state: a component mounted in a conference reads it once', async () => {
  await adaWithBob();
  render(<Status />);
  await act(async () => {});
  expect(shown('connection')).toBe(ConnectionStatus.CONNECTED);
  expect(shown('token')).toBe(TokenStatus.VALID);
  expect(shown('session')).toBe('open Ada');
  expect(shown('conference')).toBe('standup JOINED');
  expect(shown('participants')).toBe('Ada,Bob');
  // Read once: the getters, the participant and the conference, one call each.
  expect(DolbyIoIAPI.session.getConnectionState).toHaveBeenCalledTimes(1);
  expect(DolbyIoIAPI.getTokenState).toHaveBeenCalledTimes(1);
  expect(DolbyIoIAPI.session.getParticipant).toHaveBeenCalledTimes(1);
  expect(DolbyIoIAPI.conference.current).toHaveBeenCalledTimes(1);
});

test('updates: session, conference, participants, connection drops and the token', async () => {
  render(<Status />);
  await act(async () => {
    await DolbyIoIAPI.initializeToken(null, async () => 'token');
  });
  expect(shown('token')).toBe(TokenStatus.VALID);
  await act(async () => {
    await DolbyIoIAPI.session.open({ name: 'Ada' });
  });
  expect(shown('connection')).toBe(ConnectionStatus.CONNECTED);
  expect(shown('session')).toBe('open Ada');

  await act(async () => {
    const conference = await DolbyIoIAPI.conference.create({
      alias: 'standup',
    });
    await DolbyIoIAPI.conference.join(conference);
  });
  expect(shown('conference')).toBe('standup JOINED');
  expect(shown('participants')).toBe('Ada');

  let bob = '';
  await act(async () => {
    bob = mockControls.addParticipant({ name: 'Bob' }).id;
    mockControls.addParticipant({ name: 'Carol' });
  });
  expect(shown('participants')).toBe('Ada,Bob,Carol');
  await act(async () => mockControls.removeParticipant(bob));
  expect(shown('participants')).toBe('Ada,Carol');

  await act(async () => {
    mockControls.dropConnection({ reconnect: false });
  });
  expect(shown('connection')).toBe(ConnectionStatus.RECONNECTING);
  await act(async () => mockControls.restoreConnection());
  expect(shown('connection')).toBe(ConnectionStatus.CONNECTED);

  mockControls.failNextRefresh();
  await act(async () => {
    await mockControls.expireToken();
  });
  expect(shown('token')).toBe(TokenStatus.EXPIRED);

  // Kicked: in no conference any more; the session stays.
  const me = await DolbyIoIAPI.session.getParticipant();
  await act(async () => mockControls.kickParticipant(me.id));
  expect(shown('conference')).toBe('none');
  expect(shown('participants')).toBe('');
  expect(shown('session')).toBe('open Ada');

  await act(async () => {
    await DolbyIoIAPI.session.close();
  });
  expect(shown('connection')).toBe(ConnectionStatus.DISCONNECTED);
  expect(shown('session')).toBe('closed');
});

test('leaving and closing the session empty the conference', async () => {
  await adaWithBob();
  render(<Status />);
  await act(async () => {});
  await act(async () => {
    await DolbyIoIAPI.conference.leave();
  });
  expect(shown('conference')).toBe('none');
  expect(shown('participants')).toBe('');

  await act(async () => {
    const again = await DolbyIoIAPI.conference.create({ alias: 'standup' });
    await DolbyIoIAPI.conference.join(again);
  });
  expect(shown('participants')).toBe('Ada,Bob');
  await act(async () => {
    await DolbyIoIAPI.session.close();
  });
  expect(shown('conference')).toBe('none');
});

test('unmount removes every listener the hooks added', async () => {
  await adaWithBob();
  const { unmount } = render(<Status />);
  await act(async () => {});
  expect(listeners()).toEqual(one);
  unmount();
  expect(listeners()).toEqual(none);
});

test('StrictMode: mounted twice, read right, one subscription, none after unmount', async () => {
  await adaWithBob();
  const { unmount } = render(
    <StrictMode>
      <Status />
    </StrictMode>
  );
  await act(async () => {});
  expect(shown('participants')).toBe('Ada,Bob');
  expect(listeners()).toEqual(one);
  await act(async () => mockControls.addParticipant({ name: 'Carol' }));
  expect(shown('participants')).toBe('Ada,Bob,Carol');
  unmount();
  expect(listeners()).toEqual(none);
});

test('two components share one subscription; it ends with the last one', async () => {
  await adaWithBob();
  const { rerender, unmount } = render(
    <>
      <Status id="a" />
      <Status id="b" />
    </>
  );
  await act(async () => {});
  expect(listeners()).toEqual(one);
  expect([shown('participants', 'a'), shown('participants', 'b')]).toEqual([
    'Ada,Bob',
    'Ada,Bob',
  ]);
  await act(async () => mockControls.addParticipant({ name: 'Carol' }));
  expect([shown('participants', 'a'), shown('participants', 'b')]).toEqual([
    'Ada,Bob,Carol',
    'Ada,Bob,Carol',
  ]);

  rerender(<Status id="a" />);
  expect(listeners()).toEqual(one);
  await act(async () => mockControls.addParticipant({ name: 'Dan' }));
  expect(shown('participants', 'a')).toBe('Ada,Bob,Carol,Dan');
  unmount();
  expect(listeners()).toEqual(none);
});
