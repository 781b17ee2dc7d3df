/**
 * The example app of @dolbyio/react-native-iapi-sdk: initializeToken with a callback that
 * fetches tokens from a customer token server, session.open, conference.create + join, and
 * the conference events, and the SDK's live state through the package's React hooks
 * (src/screens/LiveStatusScreen.tsx). See README.md.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Linking,
  ScrollView,
  StatusBar,
  StyleSheet,
  Text,
  View,
} from 'react-native';
import { ActionButton } from './src/components/ActionButton';
import { Field } from './src/components/Field';
import {
  ConferenceEventList,
  ErrorList,
  TokenCallbackList,
} from './src/components/Lists';
import { Section } from './src/components/Section';
import { LiveStatusScreen } from './src/screens/LiveStatusScreen';
import { DEFAULT_ALIAS, DEFAULT_TOKEN_URL, SMOKE_URL_PREFIX } from './src/config';
import { parseSmokeUrl, smokeLog } from './src/smoke';
import { useIapiExample } from './src/useIapiExample';

export default function App() {
  const iapi = useIapiExample();
  const [tokenUrl, setTokenUrl] = useState(DEFAULT_TOKEN_URL);
  const [name, setName] = useState('Ada');
  const [alias, setAlias] = useState(DEFAULT_ALIAS);
  const { initialize, openSession, createAndJoin } = iapi;
  const smokeRunning = useRef(false);
  const smokeLinks = useRef(new Set<string>());

  // The whole flow in one go: `iapiexample://smoke?tokenUrl=...&alias=...` (CI smoke runs).
  // A cold start can deliver a link twice (initial URL and `url` event): each link runs once
  // (add e.g. `&run=2` to run again), and one run at a time.
  const runSmoke = useCallback(
    async (link: string, params: { tokenUrl?: string; alias?: string }) => {
      if (smokeRunning.current || smokeLinks.current.has(link)) return;
      smokeRunning.current = true;
      smokeLinks.current.add(link);
      const url = params.tokenUrl ?? DEFAULT_TOKEN_URL;
      const conferenceAlias = params.alias ?? DEFAULT_ALIAS;
      setTokenUrl(url);
      setAlias(conferenceAlias);
      const ok =
        (await initialize(url)) &&
        (await openSession('smoke')) &&
        (await createAndJoin(conferenceAlias));
      smokeLog(ok ? 'done' : 'error', ok ? 'ok' : 'smoke flow failed');
      smokeRunning.current = false;
    },
    [initialize, openSession, createAndJoin]
  );

  useEffect(() => {
    const handle = (url: string | null | undefined) => {
      const params = parseSmokeUrl(url, SMOKE_URL_PREFIX);
      if (url && params) void runSmoke(url, params);
    };
    Linking.getInitialURL().then(handle, () => {});
    const subscription = Linking.addEventListener('url', ({ url }) => handle(url));
    return () => subscription.remove();
  }, [runSmoke]);

  const busy = iapi.busy !== null;
  return (
    <View style={styles.root}>
      <StatusBar barStyle="dark-content" />
      <ScrollView contentContainerStyle={styles.content}>
        <Text style={styles.header}>IAPI SDK example</Text>

        <Section title="Live state (React hooks)">
          <LiveStatusScreen />
        </Section>

        <Section title="1. Token">
          <Field
            label="Token URL (your token server; GET answers { access_token })"
            value={tokenUrl}
            onChangeText={setTokenUrl}
            testID="token-url"
          />
          <ActionButton
            title={iapi.initialized ? 'Initialized (again)' : 'initializeToken'}
            onPress={() => void initialize(tokenUrl)}
            disabled={busy}
            testID="initialize"
          />
          <Text style={styles.caption}>Refresh callback calls</Text>
          <TokenCallbackList entries={iapi.callbacks} />
        </Section>

        <Section title="2. Session">
          <Field label="Name" value={name} onChangeText={setName} testID="name" />
          <ActionButton
            title="session.open"
            onPress={() => void openSession(name)}
            disabled={busy}
            testID="open-session"
          />
          <Text testID="participant" style={styles.caption}>
            {iapi.participant
              ? `Session open as ${iapi.participant.info.name ?? '?'} (${iapi.participant.id})`
              : 'No session'}
          </Text>
          {iapi.participant ? (
            <ActionButton
              title="session.close"
              onPress={() => void iapi.closeSession()}
              disabled={busy}
              testID="close-session"
            />
          ) : null}
        </Section>

        <Section title="3. Conference">
          <Field label="Alias" value={alias} onChangeText={setAlias} testID="alias" />
          <ActionButton
            title="conference.create + join"
            onPress={() => void createAndJoin(alias)}
            disabled={busy}
            testID="create-join"
          />
          <Text testID="conference" style={styles.caption}>
            {iapi.conference
              ? `In ${iapi.conference.alias ?? iapi.conference.id} (${iapi.conference.id}), ${iapi.conference.status}`
              : 'Not in a conference'}
          </Text>
          {iapi.conference ? (
            <ActionButton
              title="conference.leave"
              onPress={() => void iapi.leave()}
              disabled={busy}
              testID="leave"
            />
          ) : null}
          <Text style={styles.caption}>Events</Text>
          <ConferenceEventList entries={iapi.events} />
        </Section>

        {iapi.errors.length > 0 ? (
          <Section title="Errors">
            <ErrorList errors={iapi.errors} />
            <ActionButton title="Clear" onPress={iapi.clearErrors} testID="clear-errors" />
          </Section>
        ) : null}
      </ScrollView>
    </View>
  );
}

const styles = StyleSheet.create({
  root: { flex: 1, backgroundColor: 'white' },
  content: { padding: 16, paddingTop: 48 },
  header: { fontSize: 22, fontWeight: '800', color: '#111', marginBottom: 8 },
  caption: { fontSize: 12, color: '#555', marginTop: 6 },
});
