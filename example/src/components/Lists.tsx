import { Platform, StyleSheet, Text, View } from 'react-native';
import type { ShownError } from '../errors';
import type {
  ConferenceEventEntry,
  TokenCallbackEntry,
} from '../useIapiExample';

const time = (at: Date) => at.toISOString().slice(11, 23);

/** Every call of the refresh callback, newest first. */
export function TokenCallbackList({ entries }: { entries: TokenCallbackEntry[] }) {
  if (entries.length === 0) {
    return <Text style={styles.empty}>No callback yet.</Text>;
  }
  return (
    <View testID="token-callbacks">
      {entries.map((entry) => (
        <Text key={entry.n} testID={`token-callback-${entry.n}`} style={styles.row}>
          {`#${entry.n} ${time(entry.at)} isExpired=${entry.isExpired} ${entry.outcome}${
            entry.detail ? `: ${entry.detail}` : ''
          }`}
        </Text>
      ))}
    </View>
  );
}

/** Participant and status events of conferences, newest first. */
export function ConferenceEventList({ entries }: { entries: ConferenceEventEntry[] }) {
  if (entries.length === 0) {
    return <Text style={styles.empty}>No event yet.</Text>;
  }
  return (
    <View testID="conference-events">
      {entries.map((entry) => (
        <Text key={entry.n} testID={`conference-event-${entry.n}`} style={styles.row}>
          {`${time(entry.at)} ${entry.kind === 'participants' ? 'participant' : 'status'}: ${entry.text}`}
        </Text>
      ))}
    </View>
  );
}

/** Failed calls with the SDK's error code. */
export function ErrorList({ errors }: { errors: ShownError[] }) {
  return (
    <View testID="errors">
      {errors.map((error, i) => (
        <Text key={i} style={styles.error}>
          {`${error.action}: ${error.code}: ${error.message}`}
        </Text>
      ))}
    </View>
  );
}

const styles = StyleSheet.create({
  empty: { color: '#777', fontStyle: 'italic' },
  row: { fontFamily: Platform.select({ ios: 'Menlo', default: 'monospace' }), fontSize: 12, color: '#222', marginVertical: 1 },
  error: { color: '#b00020', fontSize: 13, marginVertical: 2 },
});
