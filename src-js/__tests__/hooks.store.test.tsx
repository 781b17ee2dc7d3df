// The hooks' store over a scripted SDK: the rules that make a hook's state equal the platform's
// whatever the order in which getters answer and events arrive (the sequence rule, events
// during the initial conference read applied on top of it, the conference fold), and that it
// listens only while subscribed.
import type {
  Conference,
  ConferenceStatusChangeEvent,
  ConnectionState,
  Participant,
  ParticipantsChangeEvent,
  TokenState,
} from '../index';
import {
  ConferenceStatus,
  ConnectionStatus,
  ParticipantChange,
  ParticipantStatus,
  TokenStatus,
} from '../index';
import type { StateSource } from '../hooks/store';
import { SdkStateStore } from '../hooks/store';
import { deferred } from './helpers/deferred';

type Handler<T> = (value: T) => void;

/** An SDK whose getters answer when the test says, and whose events the test emits. */
function scriptedSdk() {
  const handlers = {
    connection: new Set<Handler<ConnectionState>>(),
    token: new Set<Handler<TokenState>>(),
    participants: new Set<Handler<ParticipantsChangeEvent>>(),
    status: new Set<Handler<ConferenceStatusChangeEvent>>(),
  };
  const on =
    <T,>(set: Set<Handler<T>>) =>
    (handler: Handler<T>) => {
      set.add(handler);
      return () => {
        set.delete(handler);
      };
    };
  const answers = {
    connection: deferred<ConnectionState>(),
    token: deferred<TokenState>(),
    participant: deferred<Participant>(),
    current: deferred<Conference | null>(),
    fetch: new Map<string, ReturnType<typeof deferred<Conference>>>(),
  };
  const sdk: StateSource = {
    getTokenState: () => answers.token.promise,
    onTokenStateChange: on(handlers.token),
    session: {
      getConnectionState: () => answers.connection.promise,
      onConnectionStateChange: on(handlers.connection),
      getParticipant: () => answers.participant.promise,
    },
    conference: {
      current: () => answers.current.promise,
      fetch: (id: string) => {
        const answer = deferred<Conference>();
        answers.fetch.set(id, answer);
        return answer.promise;
      },
      onParticipantsChange: on(handlers.participants),
      onStatusChange: on(handlers.status),
    },
  };
  const emit = <T,>(set: Set<Handler<T>>, value: T) => {
    for (const handler of [...set]) handler(value);
  };
  return { sdk, handlers, answers, emit };
}

const flush = () => new Promise((done) => setTimeout(done, 0));

const ada: Participant = { id: 'ada', info: { name: 'Ada' } };
const inConf = (
  p: Participant,
  status = ParticipantStatus.CONNECTED
): Participant => ({ ...p, status });
const bob: Participant = { id: 'bob', info: { name: 'Bob' } };
const carol: Participant = { id: 'carol', info: { name: 'Carol' } };
const participantEvent = (
  participant: Participant,
  event: ParticipantChange,
  conferenceId = 'c1'
): ParticipantsChangeEvent => ({ conferenceId, participant, event });

function openStore() {
  const s = scriptedSdk();
  const store = new SdkStateStore(s.sdk);
  const changes = jest.fn();
  const off = store.subscribe(changes);
  return { ...s, store, changes, off };
}

test('listens only while subscribed: SDK listeners added by the first subscriber, removed by the last', () => {
  const { sdk, handlers } = scriptedSdk();
  const store = new SdkStateStore(sdk);
  const counts = () => Object.values(handlers).map((set) => set.size);
  expect(counts()).toEqual([0, 0, 0, 0]);
  const one = store.subscribe(() => undefined);
  const two = store.subscribe(() => undefined);
  expect(counts()).toEqual([1, 1, 1, 1]);
  one();
  one(); // twice does nothing
  expect(counts()).toEqual([1, 1, 1, 1]);
  two();
  expect(counts()).toEqual([0, 0, 0, 0]);
  expect(store.sdkListenerCount).toBe(0);
});

test('connection and token: of a getter answer and an event, the higher sequence wins', async () => {
  const { store, handlers, answers, emit } = openStore();
  // An event newer than the getter's answer, which arrives later: the event stays.
  emit(handlers.connection, { state: ConnectionStatus.CONNECTED, sequence: 3 });
  answers.connection.resolve({
    state: ConnectionStatus.CONNECTING,
    sequence: 2,
  });
  // A getter answer newer than an event still in flight: the answer stays.
  answers.token.resolve({
    state: TokenStatus.VALID,
    expiresAt: 2000,
    sequence: 5,
  });
  await flush();
  emit(handlers.token, { state: TokenStatus.REFRESHING, sequence: 4 });
  expect(store.getSnapshot().connection).toEqual({
    state: ConnectionStatus.CONNECTED,
    sequence: 3,
  });
  expect(store.getSnapshot().token).toMatchObject({
    state: TokenStatus.VALID,
    sequence: 5,
  });
  emit(handlers.token, { state: TokenStatus.REFRESHING, sequence: 6 });
  expect(store.getSnapshot().token.state).toBe(TokenStatus.REFRESHING);
});

test('the session is open while the connection is not DISCONNECTED; its participant is read when it opens', async () => {
  const { sdk, store, handlers, answers, emit } = openStore();
  expect(store.getSnapshot().session).toEqual({
    isOpen: false,
    participant: null,
  });
  const getParticipant = jest.spyOn(sdk.session, 'getParticipant');
  await flush();
  expect(getParticipant).not.toHaveBeenCalled(); // the session looks closed
  emit(handlers.connection, {
    state: ConnectionStatus.CONNECTING,
    sequence: 1,
  });
  expect(store.getSnapshot().session).toEqual({
    isOpen: true,
    participant: null,
  });
  expect(getParticipant).toHaveBeenCalledTimes(1);
  answers.participant.resolve(ada);
  await flush();
  expect(store.getSnapshot().session).toEqual({
    isOpen: true,
    participant: ada,
  });
  emit(handlers.connection, {
    state: ConnectionStatus.DISCONNECTED,
    sequence: 2,
  });
  expect(store.getSnapshot().session).toEqual({
    isOpen: false,
    participant: null,
  });
});

test('events that arrive during the initial conference read are applied on top of its answer', async () => {
  const { store, handlers, answers, emit } = openStore();
  emit(handlers.connection, { state: ConnectionStatus.CONNECTED, sequence: 1 });
  answers.participant.resolve(ada);
  await flush();
  // The read was sent before Carol joined, and answers after her event: Carol must stay.
  emit(
    handlers.participants,
    participantEvent(inConf(carol), ParticipantChange.ADDED)
  );
  emit(
    handlers.participants,
    participantEvent(
      inConf(bob, ParticipantStatus.LEFT),
      ParticipantChange.REMOVED
    )
  );
  answers.current.resolve({
    id: 'c1',
    alias: 'standup',
    status: ConferenceStatus.JOINED,
    participants: [inConf(ada), inConf(bob)],
  });
  await flush();
  const { conference, status } = store.getSnapshot().conference;
  expect(status).toBe(ConferenceStatus.JOINED);
  expect(conference?.alias).toBe('standup');
  expect(conference?.participants.map((p) => [p.id, p.status])).toEqual([
    ['ada', 'CONNECTED'],
    ['bob', 'LEFT'],
    ['carol', 'CONNECTED'],
  ]);
  expect(store.getSnapshot().participants.map((p) => p.id)).toEqual([
    'ada',
    'carol',
  ]);
});

test('joining: the local participant ADDED makes the conference current, then it is read from the platform', async () => {
  const { store, handlers, answers, emit } = openStore();
  emit(handlers.connection, { state: ConnectionStatus.CONNECTED, sequence: 1 });
  answers.participant.resolve(ada);
  answers.current.resolve(null);
  await flush();
  expect(store.getSnapshot().conference.conference).toBeNull();
  // Another conference's late event says nothing about ours.
  emit(
    handlers.participants,
    participantEvent(inConf(bob), ParticipantChange.ADDED, 'old')
  );
  expect(store.getSnapshot().conference.conference).toBeNull();

  emit(
    handlers.participants,
    participantEvent(inConf(ada), ParticipantChange.ADDED, 'c2')
  );
  expect(store.getSnapshot().conference).toMatchObject({
    conference: { id: 'c2', participants: [inConf(ada)] },
  });
  // Bob was there before Ada: only the platform's answer knows him.
  emit(handlers.status, {
    conferenceId: 'c2',
    status: ConferenceStatus.JOINED,
  });
  answers.fetch.get('c2')!.resolve({
    id: 'c2',
    alias: 'later',
    status: ConferenceStatus.JOINED,
    participants: [inConf(bob), inConf(ada)],
  });
  await flush();
  expect(store.getSnapshot().participants.map((p) => p.id)).toEqual([
    'bob',
    'ada',
  ]);
  expect(store.getSnapshot().conference.conference?.alias).toBe('later');
});

test.each([
  [
    'the local participant leaves (REMOVED)',
    participantEvent(
      inConf(ada, ParticipantStatus.LEFT),
      ParticipantChange.REMOVED
    ),
  ],
  [
    'the local participant is kicked (UPDATED, KICKED)',
    participantEvent(
      inConf(ada, ParticipantStatus.KICKED),
      ParticipantChange.UPDATED
    ),
  ],
])('in no conference once %s', async (_what, event) => {
  const { store, handlers, answers, emit } = openStore();
  emit(handlers.connection, { state: ConnectionStatus.CONNECTED, sequence: 1 });
  answers.participant.resolve(ada);
  answers.current.resolve({
    id: 'c1',
    status: ConferenceStatus.JOINED,
    participants: [inConf(ada), inConf(bob)],
  });
  await flush();
  expect(store.getSnapshot().participants).toHaveLength(2);
  emit(handlers.participants, event);
  expect(store.getSnapshot().conference).toEqual({
    conference: null,
    status: null,
  });
  expect(store.getSnapshot().participants).toEqual([]);
});

test.each([
  ConferenceStatus.ENDED,
  ConferenceStatus.DESTROYED,
  ConferenceStatus.LEFT,
])(
  'in no conference once its status is %s; a kicked remote participant is no longer listed as present',
  async (over) => {
    const { store, handlers, answers, emit } = openStore();
    emit(handlers.connection, {
      state: ConnectionStatus.CONNECTED,
      sequence: 1,
    });
    answers.participant.resolve(ada);
    answers.current.resolve({
      id: 'c1',
      status: ConferenceStatus.JOINED,
      participants: [inConf(ada), inConf(bob)],
    });
    await flush();
    emit(
      handlers.participants,
      participantEvent(
        inConf(bob, ParticipantStatus.KICKED),
        ParticipantChange.UPDATED
      )
    );
    expect(store.getSnapshot().participants.map((p) => p.id)).toEqual(['ada']);
    expect(
      store
        .getSnapshot()
        .conference.conference?.participants.map((p) => p.status)
    ).toEqual(['CONNECTED', 'KICKED']);
    emit(handlers.status, { conferenceId: 'c1', status: over });
    expect(store.getSnapshot().conference.conference).toBeNull();
  }
);

test('closing the session empties the conference; a read answered after that is dropped', async () => {
  const { store, handlers, answers, emit } = openStore();
  emit(handlers.connection, { state: ConnectionStatus.CONNECTED, sequence: 1 });
  emit(handlers.connection, {
    state: ConnectionStatus.DISCONNECTED,
    sequence: 2,
  });
  answers.current.resolve({
    id: 'c1',
    status: ConferenceStatus.JOINED,
    participants: [inConf(ada)],
  });
  await flush();
  expect(store.getSnapshot().conference.conference).toBeNull();
});

test('an unchanged part keeps its object; answers after the last unsubscribe change nothing', async () => {
  const { store, handlers, answers, emit, off, changes } = openStore();
  const before = store.getSnapshot();
  emit(handlers.token, { state: TokenStatus.VALID, sequence: 1 });
  const after = store.getSnapshot();
  expect(after).not.toBe(before);
  expect(after.conference).toBe(before.conference);
  expect(after.participants).toBe(before.participants);
  expect(after.session).toBe(before.session);
  expect(changes).toHaveBeenCalledTimes(1);
  off();
  answers.connection.resolve({
    state: ConnectionStatus.CONNECTED,
    sequence: 9,
  });
  await flush();
  expect(store.getSnapshot()).toBe(after);
});

test('an SDK whose calls throw synchronously (no native module): empty state, nothing thrown', async () => {
  const fail = () => {
    throw new Error('no native module');
  };
  const sdk = {
    getTokenState: fail,
    onTokenStateChange: fail,
    session: {
      getConnectionState: fail,
      onConnectionStateChange: fail,
      getParticipant: fail,
    },
    conference: {
      current: fail,
      fetch: fail,
      onParticipantsChange: fail,
      onStatusChange: fail,
    },
  } as unknown as StateSource;
  const store = new SdkStateStore(sdk);
  const off = store.subscribe(() => undefined);
  await flush();
  expect(store.getSnapshot().connection.state).toBe(
    ConnectionStatus.DISCONNECTED
  );
  expect(store.getSnapshot().participants).toEqual([]);
  expect(() => off()).not.toThrow();
});
