import type {
  AddonConferenceEvent,
  NodeHostAddon,
} from '@dolbyio/react-native-iapi-sdk/node-host';
import type {
  NativeAccessTokenRequest,
  NativeConferenceCreateOptions,
  NativeConferenceJoinOptions,
  NativeConferenceLeaveOptions,
  NativeConferenceStatusChange,
  NativeParticipant,
  NativeParticipantInfo,
  NativeParticipantPermissions,
  NativeParticipantsChange,
  NativePermissionsChange,
  Spec,
} from '../NativeDolbyIoIAPI';

type Subscription = { remove(): void };
type Handler<T> = (payload: T) => void | Promise<void>;

/** Calls each handler asynchronously; a throwing handler does not stop the others. */
function emit<T>(handlers: Set<Handler<T>>, payload: T): void {
  for (const handler of [...handlers]) {
    void Promise.resolve()
      .then(() => handler(payload))
      .catch(() => undefined);
  }
}

/**
 * The `NativeDolbyIoIAPI` spec over the Node host addon (bindings/node). Like the Kotlin
 * and Swift modules it only forwards: token logic, request correlation and errors come
 * from the Rust core. The one piece of state here is the set of JS subscribers of
 * `onAccessTokenRequest`: the addon's listener is attached while that set is non-empty,
 * so the core's token request bridge holds requests while nobody listens. Likewise the
 * addon's conference event listener is attached while any of the three conference events
 * has a subscriber; its events are split here into the spec's payloads.
 * `load` runs on first use, so that importing the entry works before the addon is built.
 */
export function createNodeNativeModule(load: () => NodeHostAddon): Spec {
  // The addon is one per process; this module instance takes it over on first use, so a
  // listener left by an earlier instance (another Jest module registry) is detached.
  let loaded: NodeHostAddon | null = null;
  const addon = (): NodeHostAddon => {
    if (loaded === null) {
      const host = load();
      host.setAccessTokenRequestListener(null);
      host.setConferenceEventListener(null);
      loaded = host;
    }
    return loaded;
  };
  const accessTokenHandlers = new Set<Handler<NativeAccessTokenRequest>>();
  const dispatch = (request: NativeAccessTokenRequest) =>
    emit(accessTokenHandlers, request);

  const statusHandlers = new Set<Handler<NativeConferenceStatusChange>>();
  const participantsHandlers = new Set<Handler<NativeParticipantsChange>>();
  const permissionsHandlers = new Set<Handler<NativePermissionsChange>>();
  const conferenceSubscribers = () =>
    statusHandlers.size + participantsHandlers.size + permissionsHandlers.size;
  const dispatchConference = (event: AddonConferenceEvent) => {
    const conferenceId = event.conferenceId;
    if (event.kind === 'status' && event.status !== undefined) {
      emit(statusHandlers, { conferenceId, status: event.status });
    } else if (
      event.kind === 'participants' &&
      event.participant !== undefined &&
      event.event !== undefined
    ) {
      emit(participantsHandlers, {
        conferenceId,
        participant: event.participant as NativeParticipant,
        event: event.event,
      });
    } else if (
      event.kind === 'permissions' &&
      event.permissions !== undefined
    ) {
      emit(permissionsHandlers, {
        conferenceId,
        permissions: event.permissions,
      });
    }
  };
  /** Subscribes to one conference event; the first subscriber attaches the addon listener. */
  const conferenceEmitter =
    <T>(handlers: Set<Handler<T>>) =>
    (handler: Handler<T>): Subscription => {
      const host = addon();
      const before = conferenceSubscribers();
      handlers.add(handler);
      if (before === 0 && conferenceSubscribers() > 0) {
        host.setConferenceEventListener(dispatchConference);
      }
      let active = true;
      return {
        remove: () => {
          if (!active) return;
          active = false;
          handlers.delete(handler);
          if (conferenceSubscribers() === 0) {
            host.setConferenceEventListener(null);
          }
        },
      };
    };

  const module = {
    initialize: (consumerKey: string, consumerSecret: string) =>
      addon().initialize(consumerKey, consumerSecret),
    initializeToken: (accessToken: string | null) =>
      addon().initializeToken(accessToken),
    resolveAccessTokenRequest: (requestId: string, accessToken: string) =>
      addon().resolveAccessTokenRequest(requestId, accessToken),
    rejectAccessTokenRequest: (requestId: string, reason: string) =>
      addon().rejectAccessTokenRequest(requestId, reason),

    sessionOpen: (info: NativeParticipantInfo) => addon().sessionOpen(info),
    sessionClose: () => addon().sessionClose(),
    sessionIsOpen: () => addon().sessionIsOpen(),
    sessionGetParticipant: () => addon().sessionGetParticipant(),

    conferenceCreate: (options: NativeConferenceCreateOptions) =>
      addon().conferenceCreate(options),
    conferenceFetch: (conferenceId: string) =>
      addon().conferenceFetch(conferenceId),
    conferenceCurrent: () => addon().conferenceCurrent(),
    conferenceJoin: (
      conferenceId: string,
      options: NativeConferenceJoinOptions
    ) => addon().conferenceJoin(conferenceId, options),
    conferenceLeave: (options: NativeConferenceLeaveOptions) =>
      addon().conferenceLeave(options),
    conferenceGetParticipants: (conferenceId: string) =>
      addon().conferenceGetParticipants(conferenceId),
    conferenceGetParticipant: (participantId: string) =>
      addon().conferenceGetParticipant(participantId),
    conferenceGetStatus: (conferenceId: string) =>
      addon().conferenceGetStatus(conferenceId),
    conferenceKick: (participantId: string) =>
      addon().conferenceKick(participantId),
    conferenceMute: (participantId: string, isMuted: boolean) =>
      addon().conferenceMute(participantId, isMuted),
    conferenceIsMuted: () => addon().conferenceIsMuted(),
    conferenceUpdatePermissions: (
      participantPermissions: NativeParticipantPermissions[]
    ) => addon().conferenceUpdatePermissions(participantPermissions),

    onAccessTokenRequest: (
      handler: Handler<NativeAccessTokenRequest>
    ): Subscription => {
      const host = addon();
      accessTokenHandlers.add(handler);
      if (accessTokenHandlers.size === 1) {
        host.setAccessTokenRequestListener(dispatch);
      }
      let active = true;
      return {
        remove: () => {
          if (!active) return;
          active = false;
          accessTokenHandlers.delete(handler);
          if (accessTokenHandlers.size === 0) {
            host.setAccessTokenRequestListener(null);
          }
        },
      };
    },
    onConferenceStatusChange: conferenceEmitter(statusHandlers),
    onParticipantsChange: conferenceEmitter(participantsHandlers),
    onPermissionsChange: conferenceEmitter(permissionsHandlers),
  };
  return module as unknown as Spec;
}
