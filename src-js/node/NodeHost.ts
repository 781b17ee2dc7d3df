import type { NodeHostAddon } from '@dolbyio/react-native-iapi-sdk/node-host';
import type {
  NativeAccessTokenRequest,
  NativeConferenceCreateOptions,
  NativeConferenceJoinOptions,
  NativeConferenceLeaveOptions,
  NativeParticipantInfo,
  NativeParticipantPermissions,
  Spec,
} from '../NativeDolbyIoIAPI';

type Subscription = { remove(): void };
type Handler<T> = (payload: T) => void | Promise<void>;

/**
 * An event of the spec that the Node host never emits: the conference events, until the core
 * receives them (the platform's WebSocket). Listeners can be added and removed.
 */
function silentEmitter<T>(): (handler: Handler<T>) => Subscription {
  return () => ({ remove: () => undefined });
}

/**
 * The `NativeDolbyIoIAPI` spec over the Node host addon (bindings/node). Like the Kotlin
 * and Swift modules it only forwards: token logic, request correlation and errors come
 * from the Rust core. The one piece of state here is the set of JS subscribers of
 * `onAccessTokenRequest`: the addon's listener is attached while that set is non-empty,
 * so the core's token request bridge holds requests while nobody listens.
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
      loaded = host;
    }
    return loaded;
  };
  const accessTokenHandlers = new Set<Handler<NativeAccessTokenRequest>>();
  const dispatch = (request: NativeAccessTokenRequest) => {
    for (const handler of [...accessTokenHandlers]) {
      void Promise.resolve()
        .then(() => handler(request))
        .catch(() => undefined);
    }
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
    onConferenceStatusChange: silentEmitter(),
    onParticipantsChange: silentEmitter(),
    onPermissionsChange: silentEmitter(),
  };
  return module as unknown as Spec;
}
