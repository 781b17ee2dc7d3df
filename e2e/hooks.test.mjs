// The React hooks against the real core: React (its test renderer) in Node over the Node
// entry, the Node host and an emulator process. Ada is the SDK (the Node entry's one
// instance); Bob and Carol are driven over the emulator's REST routes. During a socket gap Bob
// leaves and Carol joins: after the reconnect the hooks show what the platform shows.
import { createElement as h } from 'react';
import TestRenderer from 'react-test-renderer';
import DolbyIoIAPI, {
  ConnectionStatus,
  TokenStatus,
  useConference,
  useConnectionState,
  useParticipants,
  useSession,
  useTokenState,
} from '@dolbyio/react-native-iapi-sdk/node';
import {
  KEY,
  restParticipant,
  waitFor,
  wsConnected,
  setUpEmulatorAndCore,
} from './helpers.mjs';

// Updates come from the SDK's events, outside any act(): the test polls what was rendered.
globalThis.IS_REACT_ACT_ENVIRONMENT = false;

const emu = setUpEmulatorAndCore();

// Components still mounted after a test (one that failed): unmounted, so that the next test's
// hooks start over on the fresh core of `configure`.
const mounted = new Set();

afterEach(async () => {
  for (const unmount of mounted) unmount();
  mounted.clear();
  await DolbyIoIAPI.session.close().catch(() => undefined);
});

/**
 * React's test renderer in its concurrent mode (as a React Native app renders), without its
 * deprecation notice (it points React Native apps to the Testing Library, which the Jest tests
 * over the mock use; here React runs in plain Node).
 */
function createQuietly(element) {
  const error = console.error;
  console.error = (...args) => {
    if (!String(args[0]).startsWith('react-test-renderer is deprecated')) {
      error(...args);
    }
  };
  try {
    return TestRenderer.create(element);
  } finally {
    console.error = error;
  }
}

/** Renders (and awaits the first render of) a component that uses every hook; `renders` has what each render saw, in order. */
async function renderProbe() {
  const renders = [];
  function Probe() {
    renders.push({
      connection: useConnectionState(),
      token: useTokenState(),
      session: useSession(),
      conference: useConference(),
      participants: useParticipants(),
    });
    return null;
  }
  const renderer = createQuietly(h(Probe));
  const unmount = () => {
    if (mounted.delete(unmount)) renderer.unmount();
  };
  mounted.add(unmount);
  await waitFor(() => renders.length > 0, 'the first render');
  return {
    renders,
    last: () => renders[renders.length - 1],
    names: () =>
      renders[renders.length - 1].participants.map((p) => p.info.name),
    unmount,
  };
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

test("Ada's hooks show Bob join; after a socket gap in which Bob leaves and Carol joins, Carol and not Bob", async () => {
  const probe = await renderProbe();
  expect(probe.last().connection.state).toBe(ConnectionStatus.DISCONNECTED);
  expect(probe.last().session).toEqual({ isOpen: false, participant: null });

  await DolbyIoIAPI.initializeToken(null, () => emu.mint(KEY, 60));
  const ada = await DolbyIoIAPI.session.open({ name: 'Ada' });
  await wsConnected(emu);
  await waitFor(
    () => probe.last().connection.state === ConnectionStatus.CONNECTED,
    'useConnectionState CONNECTED'
  );
  await waitFor(
    () => probe.last().session.participant?.id === ada.id,
    'useSession shows Ada'
  );
  expect(probe.last().token.state).toBe(TokenStatus.VALID);
  expect(probe.last().token.expiresAt).toBeGreaterThan(Date.now());

  const conf = await DolbyIoIAPI.conference.create({ alias: 'hooks-gap' });
  await DolbyIoIAPI.conference.join(conf);
  await waitFor(
    () => probe.last().conference.conference?.id === conf.id,
    'useConference shows the conference'
  );
  // First from Ada's ADDED event, then from the platform (which knows the alias).
  await waitFor(
    () =>
      same(probe.names(), ['Ada']) &&
      probe.last().conference.conference.alias === 'hooks-gap',
    'Ada listed, the conference read'
  );

  const bob = await restParticipant(emu, 'Bob');
  await bob.join(conf.id);
  await waitFor(() => same(probe.names(), ['Ada', 'Bob']), 'Bob listed');

  // The gap: sockets dropped and refused for 2 s; meanwhile Bob leaves and Carol joins.
  const mark = probe.renders.length;
  await emu.refuseWs(2000, true);
  await waitFor(
    () => probe.last().connection.state === ConnectionStatus.RECONNECTING,
    'useConnectionState RECONNECTING'
  );
  const carol = await restParticipant(emu, 'Carol');
  await bob.leave(conf.id);
  await carol.join(conf.id);

  await waitFor(
    () =>
      probe.last().connection.state === ConnectionStatus.CONNECTED &&
      same(probe.names(), ['Ada', 'Carol']),
    'CONNECTED again, Carol and not Bob',
    15000
  );
  const states = probe.renders.slice(mark).map((r) => r.connection.state);
  expect(states).toContain(ConnectionStatus.RECONNECTING);
  expect(states[states.length - 1]).toBe(ConnectionStatus.CONNECTED);
  // Everyone who joined is in the conference's list, with their status.
  expect(
    probe
      .last()
      .conference.conference.participants.map(
        (p) => `${p.info.name} ${p.status}`
      )
  ).toEqual(['Ada CONNECTED', 'Bob LEFT', 'Carol CONNECTED']);
  // What the hooks show is what the platform shows.
  const platform = await DolbyIoIAPI.conference.current();
  expect(probe.last().conference.conference.participants).toEqual(
    platform.participants
  );

  await DolbyIoIAPI.conference.leave();
  await waitFor(
    () => probe.last().conference.conference === null,
    'in no conference after leave'
  );
  expect(probe.last().participants).toEqual([]);
  await DolbyIoIAPI.session.close();
  await waitFor(
    () => probe.last().connection.state === ConnectionStatus.DISCONNECTED,
    'DISCONNECTED after close'
  );
  expect(probe.last().session).toEqual({ isOpen: false, participant: null });
  probe.unmount();
});

test('a component mounted in a conference reads the state once, then follows the events; a second one shares it', async () => {
  await DolbyIoIAPI.initializeToken(null, () => emu.mint(KEY, 60));
  const ada = await DolbyIoIAPI.session.open({ name: 'Ada' });
  await wsConnected(emu);
  const conf = await DolbyIoIAPI.conference.create({ alias: 'hooks-mount' });
  const bob = await restParticipant(emu, 'Bob');
  await bob.join(conf.id); // before Ada: no event of Ada's tells of him
  await DolbyIoIAPI.conference.join(conf);

  const first = await renderProbe();
  await waitFor(
    () =>
      first.last().session.participant?.id === ada.id &&
      first.last().connection.state === ConnectionStatus.CONNECTED &&
      same(first.names(), ['Bob', 'Ada']),
    'the initial state read: session, connection, Bob and Ada'
  );
  const second = await renderProbe();
  // The second component gets the store's state at its first render.
  expect(second.renders[0].participants).toBe(first.last().participants);

  const carol = await restParticipant(emu, 'Carol');
  await carol.join(conf.id);
  await waitFor(
    () =>
      same(first.names(), ['Bob', 'Ada', 'Carol']) &&
      same(second.names(), ['Bob', 'Ada', 'Carol']),
    'both show Carol'
  );
  first.unmount();
  await bob.leave(conf.id);
  await waitFor(
    () => same(second.names(), ['Ada', 'Carol']),
    'the remaining one shows Bob leave'
  );
  second.unmount();
  await DolbyIoIAPI.conference.leave();
});
