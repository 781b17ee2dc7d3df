import type { EventSubscription } from 'react-native';
import type {
  NativeAccessTokenRequest,
  NativeConferenceStatusChange,
  NativeConnectionState,
  NativeLogRecord,
  NativeParticipantsChange,
  NativePermissionsChange,
  NativeTokenState,
  Spec,
} from '../../NativeDolbyIoIAPI';

/**
 * An in-memory stand-in for the native module that keeps the contract written at the top
 * of NativeDolbyIoIAPI.ts, used only at the JS edge of the tests:
 * - it emits `onAccessTokenRequest` with fresh ids, and only while JS is subscribed;
 * - it records every answer and flags answering twice or answering an unknown id;
 * - promise methods resolve with values set by the test or reject with coded errors.
 * Contract violations are collected in `violations`; tests assert it stays empty.
 */

type Events = {
  onAccessTokenRequest: NativeAccessTokenRequest;
  onConferenceStatusChange: NativeConferenceStatusChange;
  onParticipantsChange: NativeParticipantsChange;
  onPermissionsChange: NativePermissionsChange;
  onConnectionStateChange: NativeConnectionState;
  onTokenStateChange: NativeTokenState;
  onLog: NativeLogRecord;
};
type EventName = keyof Events;

export type TokenAnswer =
  { requestId: string; token: string } | { requestId: string; reason: string };

type PromiseMethod = Exclude<
  {
    [K in keyof Spec]-?: Spec[K] extends (...args: never[]) => Promise<unknown>
      ? K
      : never;
  }[keyof Spec],
  undefined
>;

type Resolved<K extends PromiseMethod> = Spec[K] extends (
  ...args: never[]
) => Promise<infer R>
  ? R
  : never;

/** The error shape React Native gives to a rejected native promise. */
export function nativeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

export class FakeNativeModule {
  readonly violations: string[] = [];
  readonly answers: TokenAnswer[] = [];
  private listeners = new Map<EventName, Set<(payload: never) => void>>();
  private pending = new Map<string, (answer: TokenAnswer) => void>();
  private nextRequest = 0;
  private results = new Map<string, () => Promise<unknown>>();

  // Every method of the spec is a jest.fn so tests can check arguments.
  readonly initialize = jest.fn((_key: string, _secret: string) =>
    this.result('initialize', true)
  );
  readonly initializeToken = jest.fn((_token: string | null) =>
    this.result('initializeToken', true)
  );
  readonly resolveAccessTokenRequest = jest.fn(
    (requestId: string, token: string) => this.answer({ requestId, token })
  );
  readonly rejectAccessTokenRequest = jest.fn(
    (requestId: string, reason: string) => this.answer({ requestId, reason })
  );
  readonly getTokenState = jest.fn(() =>
    this.result<NativeTokenState>('getTokenState', {
      state: 'NONE',
      sequence: 0,
    })
  );
  readonly setLogLevel = jest.fn((_level: string, _platformLog: boolean) =>
    this.result('setLogLevel', undefined)
  );
  readonly sessionGetConnectionState = jest.fn(() =>
    this.result<NativeConnectionState>('sessionGetConnectionState', {
      state: 'DISCONNECTED',
      sequence: 0,
    })
  );
  readonly sessionOpen = jest.fn((info: Parameters<Spec['sessionOpen']>[0]) =>
    this.result('sessionOpen', { id: 'participant-1', info })
  );
  readonly sessionClose = jest.fn(() => this.result('sessionClose', undefined));
  readonly sessionIsOpen = jest.fn(() => this.result('sessionIsOpen', false));
  readonly sessionGetParticipant = jest.fn(() =>
    this.result('sessionGetParticipant', undefined)
  );
  readonly conferenceCreate = jest.fn(
    (..._args: Parameters<Spec['conferenceCreate']>) =>
      this.result('conferenceCreate', undefined)
  );
  readonly conferenceFetch = jest.fn((_id: string) =>
    this.result('conferenceFetch', undefined)
  );
  readonly conferenceCurrent = jest.fn(() =>
    this.result('conferenceCurrent', null)
  );
  readonly conferenceJoin = jest.fn(
    (..._args: Parameters<Spec['conferenceJoin']>) =>
      this.result('conferenceJoin', undefined)
  );
  readonly conferenceLeave = jest.fn(
    (..._args: Parameters<Spec['conferenceLeave']>) =>
      this.result('conferenceLeave', undefined)
  );
  readonly conferenceGetParticipants = jest.fn((_id: string) =>
    this.result('conferenceGetParticipants', [])
  );
  readonly conferenceGetParticipant = jest.fn((_id: string) =>
    this.result('conferenceGetParticipant', undefined)
  );
  readonly conferenceGetStatus = jest.fn((_id: string) =>
    this.result('conferenceGetStatus', 'DEFAULT')
  );
  readonly conferenceKick = jest.fn((_id: string) =>
    this.result('conferenceKick', undefined)
  );
  readonly conferenceMute = jest.fn((_id: string, isMuted: boolean) =>
    this.result('conferenceMute', isMuted)
  );
  readonly conferenceIsMuted = jest.fn(() =>
    this.result('conferenceIsMuted', false)
  );
  readonly conferenceUpdatePermissions = jest.fn(
    (..._args: Parameters<Spec['conferenceUpdatePermissions']>) =>
      this.result('conferenceUpdatePermissions', undefined)
  );

  readonly onAccessTokenRequest = jest.fn(
    (handler: (payload: NativeAccessTokenRequest) => void) =>
      this.addListener('onAccessTokenRequest', handler)
  );
  readonly onConferenceStatusChange = jest.fn(
    (handler: (payload: NativeConferenceStatusChange) => void) =>
      this.addListener('onConferenceStatusChange', handler)
  );
  readonly onParticipantsChange = jest.fn(
    (handler: (payload: NativeParticipantsChange) => void) =>
      this.addListener('onParticipantsChange', handler)
  );
  readonly onPermissionsChange = jest.fn(
    (handler: (payload: NativePermissionsChange) => void) =>
      this.addListener('onPermissionsChange', handler)
  );

  readonly onConnectionStateChange = jest.fn(
    (handler: (payload: NativeConnectionState) => void) =>
      this.addListener('onConnectionStateChange', handler)
  );
  readonly onTokenStateChange = jest.fn(
    (handler: (payload: NativeTokenState) => void) =>
      this.addListener('onTokenStateChange', handler)
  );
  readonly onLog = jest.fn((handler: (payload: NativeLogRecord) => void) =>
    this.addListener('onLog', handler)
  );

  /** The fake typed as the spec, to hand to the code under test. */
  asSpec(): Spec {
    return this as unknown as Spec;
  }

  /** Makes the next call of `method` resolve with `value`. */
  resolveNext<K extends PromiseMethod>(method: K, value: Resolved<K>): void {
    this.results.set(method, () => Promise.resolve(value));
  }

  /** Makes the next call of `method` reject like native does, with `code`. */
  rejectNext(method: PromiseMethod, code: string, message: string): void {
    this.results.set(method, () => Promise.reject(nativeError(code, message)));
  }

  /** Makes the next call of `method` run `impl` (for example to emit while pending). */
  runNext<K extends PromiseMethod>(
    method: K,
    impl: () => Promise<Resolved<K>>
  ): void {
    this.results.set(method, impl);
  }

  listenerCount(event: EventName): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  /** Emits one event to every current listener. */
  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      (listener as (p: Events[E]) => void)(payload);
    }
  }

  /**
   * Asks JS for a token like the native token bridge does: emits a request with a new id
   * and resolves with JS's answer. A request while nobody listens is a violation.
   */
  requestAccessToken(isExpired: boolean): {
    requestId: string;
    answer: Promise<TokenAnswer>;
  } {
    const requestId = `request-${++this.nextRequest}`;
    if (this.listenerCount('onAccessTokenRequest') === 0) {
      this.violations.push(`${requestId} emitted with no JS subscription`);
    }
    const answer = new Promise<TokenAnswer>((resolve) => {
      this.pending.set(requestId, resolve);
    });
    this.emit('onAccessTokenRequest', { requestId, isExpired });
    return { requestId, answer };
  }

  private answer(answer: TokenAnswer): void {
    this.answers.push(answer);
    const resolve = this.pending.get(answer.requestId);
    if (!resolve) {
      const known = this.answers.filter(
        (a) => a.requestId === answer.requestId
      ).length;
      this.violations.push(
        known > 1
          ? `${answer.requestId} answered twice`
          : `${answer.requestId} is unknown`
      );
      return;
    }
    this.pending.delete(answer.requestId);
    resolve(answer);
  }

  private addListener<E extends EventName>(
    event: E,
    handler: (payload: Events[E]) => void
  ): EventSubscription {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    const listener = handler as (payload: never) => void;
    set.add(listener);
    return { remove: () => set.delete(listener) } as EventSubscription;
  }

  private result<T>(method: string, fallback: T): Promise<T> {
    const next = this.results.get(method);
    this.results.delete(method);
    return (next ? next() : Promise.resolve(fallback)) as Promise<T>;
  }
}
