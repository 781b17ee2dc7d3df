import type { DolbyIoIAPI } from '../DolbyIoIAPI';
import type { Conference } from '../models/Conference';
import type { ConnectionState } from '../models/ConnectionState';
import { ConnectionStatus } from '../models/ConnectionStatus';
import type { UnsubscribeFunction } from '../models/events';
import type { Participant } from '../models/Participant';
import type { TokenState } from '../models/TokenState';
import { foldConferenceEvent, presentParticipants } from './conferenceFold';
import type { ConferenceEvent } from './conferenceFold';
import { EMPTY_STATE } from './state';
import type { SdkState } from './state';

/** What the store uses of an SDK instance (the package's `DolbyIoIAPI`, or the Jest mock's). */
export type StateSource = {
  getTokenState: DolbyIoIAPI['getTokenState'];
  onTokenStateChange: DolbyIoIAPI['onTokenStateChange'];
  session: Pick<
    DolbyIoIAPI['session'],
    'getConnectionState' | 'onConnectionStateChange' | 'getParticipant'
  >;
  conference: Pick<
    DolbyIoIAPI['conference'],
    'current' | 'fetch' | 'onParticipantsChange' | 'onStatusChange'
  >;
};

/**
 * Calls `call`, turning a synchronous throw into a rejection: with the native module missing
 * (or an SDK object that lacks a method) the hooks must still render.
 */
function attempt<T>(call: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve) => resolve(call()));
}

/**
 * The state of one SDK instance as its events tell it, for `useSyncExternalStore`.
 *
 * It listens to the SDK only while someone subscribes: the first subscriber starts it (SDK
 * listeners first, then the getters, so nothing that happens in between is lost), the last one
 * to leave stops it (every SDK listener removed). The state object is replaced, never changed,
 * so a snapshot React holds stays consistent (no tearing).
 */
export class SdkStateStore {
  readonly #sdk: StateSource;
  #state: SdkState = EMPTY_STATE;
  readonly #listeners = new Set<() => void>();
  /** The SDK listeners of the running store. */
  #unsubscribes: UnsubscribeFunction[] = [];
  /** Grows at each start and stop: an answer of an earlier run is dropped. */
  #run = 0;
  /** The `sequence` of the connection / token state applied in this run. */
  #connectionSequence = -Infinity;
  #tokenSequence = -Infinity;
  /** Grows whenever the session opens or closes: a participant read of before is dropped. */
  #sessionEpoch = 0;
  /** The conference read in flight, with the events received meanwhile. */
  #conferenceRead: { buffer: ConferenceEvent[] } | null = null;

  constructor(sdk: StateSource) {
    this.#sdk = sdk;
  }

  /** The current state (the same object until something changes). */
  getSnapshot = (): SdkState => this.#state;

  /** Adds a change listener; the first one starts the store, the last one removed stops it. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) {
      this.#start();
    }
    return () => {
      if (this.#listeners.delete(listener) && this.#listeners.size === 0) {
        this.#stop();
      }
    };
  };

  /** How many SDK listeners the store holds (0 when stopped). */
  get sdkListenerCount(): number {
    return this.#unsubscribes.length;
  }

  #start() {
    const run = ++this.#run;
    this.#connectionSequence = -Infinity;
    this.#tokenSequence = -Infinity;
    const sdk = this.#sdk;
    // Listeners first. Without the native module an `on*` call may throw: the state then stays
    // as it is (disconnected, empty) instead of the component's render failing.
    const listen = (add: () => UnsubscribeFunction) => {
      try {
        this.#unsubscribes.push(add());
      } catch {
        // Nothing to listen to.
      }
    };
    listen(() =>
      sdk.session.onConnectionStateChange((s) => this.#connection(s))
    );
    listen(() => sdk.onTokenStateChange((t) => this.#token(t)));
    listen(() =>
      sdk.conference.onParticipantsChange((event) =>
        this.#conferenceEvent({ kind: 'participants', event })
      )
    );
    listen(() =>
      sdk.conference.onStatusChange((event) =>
        this.#conferenceEvent({ kind: 'status', event })
      )
    );
    // Then the getters. What this store showed before it stopped may be stale: everything is
    // read again. The participant too, when the session looks open (when it looks closed, the
    // connection state read tells whether it opened, and that reads the participant).
    const ignore = () => undefined;
    attempt(() => sdk.session.getConnectionState()).then((s) => {
      if (run === this.#run) this.#connection(s);
    }, ignore);
    attempt(() => sdk.getTokenState()).then((t) => {
      if (run === this.#run) this.#token(t);
    }, ignore);
    if (this.#state.session.isOpen) {
      this.#readParticipant();
    }
    this.#readConference(() => sdk.conference.current());
  }

  #stop() {
    this.#run += 1;
    this.#conferenceRead = null;
    for (const off of this.#unsubscribes.splice(0)) {
      try {
        off();
      } catch {
        // Removing a listener of a missing module: nothing to remove.
      }
    }
  }

  #set(next: Partial<SdkState>) {
    const state = { ...this.#state, ...next };
    if (next.conference !== undefined) {
      state.participants = presentParticipants(next.conference.conference);
    }
    this.#state = state;
    for (const listener of [...this.#listeners]) {
      listener();
    }
  }

  /** An event or the getter's answer: of the two, the higher `sequence` is newer. */
  #connection(s: ConnectionState) {
    if (s.sequence <= this.#connectionSequence) {
      return;
    }
    this.#connectionSequence = s.sequence;
    const before = this.#state.connection.state;
    const isOpen = s.state !== ConnectionStatus.DISCONNECTED;
    const next: Partial<SdkState> = { connection: s };
    if (isOpen !== this.#state.session.isOpen) {
      // The session opened (read its participant) or closed (no participant, no conference).
      this.#sessionEpoch += 1;
      next.session = { isOpen, participant: null };
      if (!isOpen) {
        this.#conferenceRead = null;
        next.conference = EMPTY_STATE.conference;
      }
    }
    this.#set(next);
    if (isOpen && next.session !== undefined) {
      this.#readParticipant();
    }
    if (
      before === ConnectionStatus.RECONNECTING &&
      s.state === ConnectionStatus.CONNECTED
    ) {
      // Back after a gap: the core reports what changed in the conference it is in; what the
      // local participant itself did meanwhile (a leave) is read back from the platform.
      this.#readConference(() => this.#sdk.conference.current());
    }
  }

  #token(t: TokenState) {
    if (t.sequence <= this.#tokenSequence) {
      return;
    }
    this.#tokenSequence = t.sequence;
    this.#set({ token: t });
  }

  /** Reads the open session's participant (a rejection: no session, nothing to show). */
  #readParticipant() {
    const run = this.#run;
    const epoch = this.#sessionEpoch;
    attempt(() => this.#sdk.session.getParticipant()).then(
      (participant: Participant) => {
        const { session } = this.#state;
        if (
          run === this.#run &&
          epoch === this.#sessionEpoch &&
          session.isOpen
        ) {
          this.#set({ session: { isOpen: true, participant } });
        }
      },
      () => undefined
    );
  }

  #me(): string | null {
    return this.#state.session.participant?.id ?? null;
  }

  #conferenceEvent(e: ConferenceEvent) {
    this.#conferenceRead?.buffer.push(e);
    const step = foldConferenceEvent(
      this.#state.conference.conference,
      e,
      this.#me()
    );
    this.#showConference(step.conference);
    if (step.read !== undefined) {
      const id = step.read;
      this.#readConference(() => this.#sdk.conference.fetch(id));
    }
  }

  /**
   * Reads a conference from the platform (`load`), then applies on top of it the events that
   * arrived during the read: the answer may predate them. A later read supersedes this one.
   */
  #readConference(load: () => Promise<Conference | null>) {
    const run = this.#run;
    const read = { buffer: [] as ConferenceEvent[] };
    this.#conferenceRead = read;
    attempt(load).then(
      (loaded) => {
        if (run !== this.#run || this.#conferenceRead !== read) {
          return;
        }
        this.#conferenceRead = null;
        let conference = loaded;
        let again: string | undefined;
        for (const e of read.buffer) {
          const step = foldConferenceEvent(conference, e, this.#me());
          conference = step.conference;
          again = step.read ?? again;
        }
        this.#showConference(conference);
        if (again !== undefined) {
          const id = again;
          this.#readConference(() => this.#sdk.conference.fetch(id));
        }
      },
      () => {
        // Unreadable (no session, the network): what the events say stays.
        if (this.#conferenceRead === read) {
          this.#conferenceRead = null;
        }
      }
    );
  }

  #showConference(conference: Conference | null) {
    if (conference === this.#state.conference.conference) {
      return;
    }
    this.#set({
      conference:
        conference === null
          ? EMPTY_STATE.conference
          : { conference, status: conference.status },
    });
  }
}

const stores = new WeakMap<object, SdkStateStore>();

/** The one store of `sdk`. */
export function storeFor(sdk: StateSource): SdkStateStore {
  let store = stores.get(sdk);
  if (store === undefined) {
    store = new SdkStateStore(sdk);
    stores.set(sdk, store);
  }
  return store;
}
