/**
 * What the SDK is doing, from the package's React hooks alone: the event connection, the
 * access token (valid until, refreshing, expired) and who is in the conference. No
 * subscription is written here: the hooks subscribe while this screen is mounted.
 */
import {
  ConnectionStatus,
  TokenRefreshOutcome,
  TokenStatus,
  useConference,
  useConnectionState,
  useParticipants,
  useSession,
  useTokenState,
} from '@dolbyio/react-native-iapi-sdk';
import type { ConnectionState, TokenState } from '@dolbyio/react-native-iapi-sdk';
import { StyleSheet, Text, View } from 'react-native';

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);

export function connectionText(c: ConnectionState): string {
  if (c.state === ConnectionStatus.RECONNECTING) {
    return `RECONNECTING (attempt ${c.attempt ?? '?'}, ${c.reason ?? '?'}, in ${c.retryInMs ?? '?'} ms)`;
  }
  return c.state;
}

export function tokenText(t: TokenState): string {
  const failed =
    t.refresh?.outcome === TokenRefreshOutcome.FAILED
      ? `; last refresh failed (${t.refresh.errorCode ?? '?'})`
      : '';
  switch (t.state) {
    case TokenStatus.VALID:
      return `valid${t.expiresAt ? ` until ${clock(t.expiresAt)}` : ''}${
        t.nextRefreshAt ? `, refresh at ${clock(t.nextRefreshAt)}` : ''
      }${failed}`;
    case TokenStatus.REFRESHING:
      return `refreshing (${t.refresh?.trigger ?? '?'})`;
    case TokenStatus.EXPIRED:
      return `expired${failed}`;
    default:
      return 'no token';
  }
}

export function LiveStatusScreen() {
  const connection = useConnectionState();
  const token = useTokenState();
  const session = useSession();
  const { conference, status } = useConference();
  const participants = useParticipants();
  return (
    <View testID="live-status">
      <Text testID="live-connection" style={styles.row}>
        {`Connection: ${connectionText(connection)}`}
      </Text>
      <Text testID="live-token" style={styles.row}>
        {`Token: ${tokenText(token)}`}
      </Text>
      <Text testID="live-session" style={styles.row}>
        {session.isOpen
          ? `Session: open as ${session.participant?.info.name ?? '…'}`
          : 'Session: closed'}
      </Text>
      <Text testID="live-conference" style={styles.row}>
        {conference
          ? `Conference: ${conference.alias ?? conference.id}, ${status}`
          : 'Conference: none'}
      </Text>
      {participants.length === 0 ? (
        <Text style={styles.empty}>Nobody in a conference.</Text>
      ) : (
        participants.map((p) => (
          <Text key={p.id} testID={`live-participant-${p.id}`} style={styles.participant}>
            {`• ${p.info.name ?? p.id}${p.id === session.participant?.id ? ' (you)' : ''}`}
          </Text>
        ))
      )}
    </View>
  );
}

const styles = StyleSheet.create({
  row: { fontSize: 13, color: '#222', marginVertical: 1 },
  participant: { fontSize: 13, color: '#222', marginLeft: 8 },
  empty: { color: '#777', fontStyle: 'italic' },
});
