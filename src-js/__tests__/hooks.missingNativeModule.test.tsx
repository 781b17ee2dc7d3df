// The hooks where the native module is missing (Expo Go, an app not rebuilt, a test without the
// mock): every SDK call rejects with INVALID_STATE and the `on*` calls warn once and return a no-op
// subscription; the hooks render a disconnected, empty state and never throw during render.
import { Text } from 'react-native';
import { act, render, screen } from '@testing-library/react-native';
import { TurboModuleRegistry } from 'react-native';
import {
  ConnectionStatus,
  TokenStatus,
  useConference,
  useConnectionState,
  useParticipants,
  useSession,
  useTokenState,
} from '../index';

jest.setTimeout(30000);

function Status() {
  const connection = useConnectionState();
  const token = useTokenState();
  const session = useSession();
  const { conference, status } = useConference();
  const participants = useParticipants();
  return (
    <Text testID="status">
      {JSON.stringify({
        connection,
        token,
        session,
        conference,
        status,
        participants,
      })}
    </Text>
  );
}

test('without the native module: a disconnected, empty state; nothing thrown', async () => {
  expect(TurboModuleRegistry.get('DolbyIoIAPI')).toBeNull();
  const errors = jest.spyOn(console, 'error');
  const { unmount } = render(<Status />);
  await act(async () => {}); // the getters' rejections
  expect(JSON.parse(screen.getByTestId('status').props.children)).toEqual({
    connection: { state: ConnectionStatus.DISCONNECTED, sequence: 0 },
    token: { state: TokenStatus.NONE, sequence: 0 },
    session: { isOpen: false, participant: null },
    conference: null,
    status: null,
    participants: [],
  });
  expect(() => unmount()).not.toThrow();
  expect(errors).not.toHaveBeenCalled();
  errors.mockRestore();
});
