/**
 * In-memory stand-in for @dolbyio/react-native-iapi-sdk, for an app's own Jest tests.
 *
 *   jest.mock('@dolbyio/react-native-iapi-sdk', () =>
 *     require('@dolbyio/react-native-iapi-sdk/jest')
 *   );
 *
 * It exports what the package exports (the default DolbyIoIAPI instance, ErrorCode,
 * DolbyIoIAPIError and the enums) plus `mockControls` to drive it from a test. Every
 * method is a jest.fn with a working implementation, so tests can both assert calls and
 * override results (`mockRejectedValueOnce`, ...). Plain CommonJS: no transform needed.
 */
'use strict';

const ErrorCode = Object.freeze({
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  NOT_INITIALIZED: 'NOT_INITIALIZED',
  INVALID_STATE: 'INVALID_STATE',
  UNAUTHORIZED: 'UNAUTHORIZED',
  TOKEN_REFRESH_FAILED: 'TOKEN_REFRESH_FAILED',
  TIMEOUT: 'TIMEOUT',
  NETWORK: 'NETWORK',
  SERVER: 'SERVER',
  CANCELLED: 'CANCELLED',
});

class DolbyIoIAPIError extends Error {
  constructor(code, message, nativeCode, server) {
    super(message);
    this.name = 'DolbyIoIAPIError';
    this.code = code;
    if (nativeCode !== undefined) {
      this.nativeCode = nativeCode;
    }
    if (code === ErrorCode.SERVER && server !== undefined) {
      if (server.status !== undefined) {
        this.status = server.status;
      }
      if (server.platformCode !== undefined) {
        this.platformCode = server.platformCode;
      }
    }
    Object.setPrototypeOf(this, DolbyIoIAPIError.prototype);
  }
}

function stringEnum(values) {
  return Object.freeze(
    Object.fromEntries(values.map((value) => [value, value]))
  );
}

const ConferenceStatus = stringEnum([
  'DEFAULT',
  'CREATING',
  'CREATED',
  'JOINING',
  'JOINED',
  'LEAVING',
  'LEFT',
  'ERROR',
  'DESTROYED',
  'ENDED',
]);
const ParticipantStatus = stringEnum([
  'RESERVED',
  'CONNECTING',
  'CONNECTED',
  'INACTIVE',
  'LEFT',
  'KICKED',
  'DECLINE',
  'ERROR',
  'WARNING',
]);
const ParticipantType = stringEnum(['USER', 'LISTENER']);
const ConferencePermission = stringEnum([
  'INVITE',
  'JOIN',
  'SEND_AUDIO',
  'SEND_VIDEO',
  'SHARE_SCREEN',
  'SHARE_VIDEO',
  'SHARE_FILE',
  'SEND_MESSAGE',
  'RECORD',
  'STREAM',
  'KICK',
  'UPDATE_PERMISSIONS',
]);
const ParticipantChange = stringEnum(['ADDED', 'UPDATED', 'REMOVED']);
const Codec = stringEnum(['VP8', 'H264']);
const ConnectionStatus = stringEnum([
  'DISCONNECTED',
  'CONNECTING',
  'CONNECTED',
  'RECONNECTING',
]);
const ConnectionDropReason = stringEnum([
  'NETWORK',
  'TIMEOUT',
  'CLOSED_BY_SERVER',
  'UNAUTHORIZED',
  'SERVER',
  'TOKEN_UNAVAILABLE',
]);
const TokenStatus = stringEnum(['NONE', 'VALID', 'REFRESHING', 'EXPIRED']);
const TokenRefreshTrigger = stringEnum([
  'INITIALIZE',
  'HALF_LIFE',
  'THREE_QUARTERS',
  'EXPIRY',
  'RETRY',
  'CALL',
  'UNAUTHORIZED',
  'RESUME',
]);
const TokenRefreshOutcome = stringEnum(['REFRESHED', 'FAILED', 'SUPERSEDED']);
const LogLevel = stringEnum(['OFF', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE']);
// Most severe first: a record is delivered when its rank is at most the level's.
const LOG_RANK = ['OFF', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE'];
// How long a token of `initialize(key, secret)` lives in the mock, as the platform's default.
const MOCK_TOKEN_LIFETIME_MS = 3600 * 1000;
const RTCPMode = Object.freeze({
  WORST: 'worst',
  AVERAGE: 'average',
  MAX: 'max',
});

// A SERVER error has a status like the SDK's: 500 unless given (404 for an unknown conference).
const fail = (code, message, status = 500) =>
  code === ErrorCode.SERVER
    ? new DolbyIoIAPIError(code, message, undefined, { status })
    : new DolbyIoIAPIError(code, message);
const clone = (value) =>
  value === undefined ? undefined : JSON.parse(JSON.stringify(value));

// ---------------------------------------------------------------------------
// State

let state;
const failures = new Map();
const listeners = {
  status: new Set(),
  participants: new Set(),
  permissions: new Set(),
  connection: new Set(),
  token: new Set(),
  log: new Set(),
};

function freshState() {
  return {
    initialized: false,
    refreshAccessToken: null,
    accessToken: null,
    participant: null,
    conferences: new Map(),
    currentId: null,
    muted: new Map(),
    nextId: 1,
    // What the SDK is doing: the states with their sequence numbers, as the core keeps them.
    connection: { state: ConnectionStatus.DISCONNECTED, sequence: 0 },
    token: { state: TokenStatus.NONE, sequence: 0 },
    // The token held: its `exp` in ms (null: unknown, a non-JWT string), or none.
    held: null,
    // The refresh running (single flight): { trigger, generation, promise, cancel }.
    inflight: null,
    // Bumped by each initialize*: a refresh of an older one is SUPERSEDED.
    generation: 0,
    // Whether a token was ever held: without one, a failed refresh leaves NONE, not EXPIRED.
    hadToken: false,
    // What `failNextRefresh` / `delayNextRefresh` asked of the next refresh: { code, message, delayMs }.
    nextRefresh: null,
    logLevel: LogLevel.WARN,
    platformLog: true,
  };
}

function nextId(prefix) {
  return `${prefix}-${state.nextId++}`;
}

function emit(kind, event) {
  for (const handler of [...listeners[kind]]) {
    // As in the SDK: a handler that throws is logged and stops nothing.
    try {
      handler(clone(event));
    } catch (error) {
      console.error('DolbyIoIAPI: an event handler threw', error);
    }
  }
}

// Sets the connection state and emits it, as the core: each change once, sequence + 1.
function setConnection(next) {
  const current = state.connection;
  if (
    current.state === next.state &&
    current.attempt === next.attempt &&
    current.reason === next.reason
  ) {
    return;
  }
  state.connection = withoutUndefined({
    ...next,
    sequence: current.sequence + 1,
  });
  emit('connection', state.connection);
}

// The token state now, from what is held and the refresh that made it (as the core's feed).
function publishToken(refresh) {
  const held = state.held;
  const now = Date.now();
  const valid = held !== null && (held.exp === null || held.exp >= now);
  let status = TokenStatus.NONE;
  if (state.inflight) status = TokenStatus.REFRESHING;
  else if (valid) status = TokenStatus.VALID;
  else if (held !== null || state.hadToken) status = TokenStatus.EXPIRED;
  state.token = withoutUndefined({
    state: status,
    expiresAt: held && held.exp !== null ? held.exp : undefined,
    // The SDK plans its next refresh at half the time left; the mock only says so (it runs
    // no schedule: `mockControls.refreshAccessToken` stands for it).
    nextRefreshAt: held ? held.nextRefreshAt : undefined,
    refresh: refresh ? withoutUndefined(refresh) : undefined,
    sequence: state.token.sequence + 1,
  });
  emit('token', state.token);
}

// A token as the SDK holds it: its `exp` and the planned refresh at half the time left.
function hold(token) {
  const payload = jwtPayload(token);
  const exp =
    payload && typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  const now = Date.now();
  state.held = {
    exp,
    nextRefreshAt:
      exp !== null && exp > now ? now + Math.floor((exp - now) / 2) : undefined,
  };
  state.hadToken = true;
}

function withoutUndefined(value) {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined)
  );
}

function takeFailure(name) {
  const failure = failures.get(name);
  if (failure && --failure.times <= 0) {
    failures.delete(name);
  }
  return failure ? fail(failure.code, failure.message) : null;
}

function requireInitialized() {
  if (!state.initialized) {
    throw fail(ErrorCode.NOT_INITIALIZED, 'The SDK is not initialized');
  }
}

function requireSession() {
  requireInitialized();
  if (!state.participant) {
    throw fail(ErrorCode.INVALID_STATE, 'No session is open');
  }
}

function requireConference(id) {
  const conference = state.conferences.get(id);
  if (!conference) {
    throw fail(ErrorCode.SERVER, `Conference ${id} not found`, 404);
  }
  return conference;
}

function requireCurrent() {
  requireSession();
  if (!state.currentId) {
    throw fail(ErrorCode.INVALID_STATE, 'Not in a conference');
  }
  return requireConference(state.currentId);
}

function requireString(value, what) {
  if (typeof value !== 'string' || value === '') {
    throw fail(
      ErrorCode.INVALID_ARGUMENT,
      `${what} must be a non-empty string`
    );
  }
  return value;
}

// The payload of a JWT (`header.payload.signature`), or null when `token` is not one.
function jwtPayload(token) {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3) {
    return null;
  }
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const json =
      typeof Buffer !== 'undefined'
        ? Buffer.from(base64, 'base64').toString('utf8')
        : atob(base64);
    const payload = JSON.parse(json);
    return payload !== null && typeof payload === 'object' ? payload : null;
  } catch {
    return null;
  }
}

// As the SDK: a JWT whose numeric `exp` is past is expired. Other strings are taken as they are.
function isExpiredJwt(token) {
  const payload = jwtPayload(token);
  return (
    payload !== null &&
    typeof payload.exp === 'number' &&
    payload.exp - Date.now() / 1000 < 0
  );
}

function idOf(value, what) {
  if (!value || typeof value.id !== 'string' || value.id === '') {
    throw fail(ErrorCode.INVALID_ARGUMENT, `${what} must have an id`);
  }
  return value.id;
}

function setStatus(conference, status) {
  conference.status = status;
  emit('status', { conferenceId: conference.id, status });
}

// As the platform: a kicked participant stays listed with status KICKED, reported as UPDATED;
// a kicked local participant is in no conference any more.
function kick(conference, participantId) {
  const found = conference.participants.find((p) => p.id === participantId);
  found.status = ParticipantStatus.KICKED;
  if (
    state.participant &&
    participantId === state.participant.id &&
    state.currentId === conference.id
  ) {
    state.currentId = null;
  }
  emit('participants', {
    conferenceId: conference.id,
    participant: found,
    event: ParticipantChange.UPDATED,
  });
}

// One refresh, as the SDK runs it: single flight (a refresh running is shared), REFRESHING
// with its trigger, then the outcome. `provider` answers it (the app's callback, or the mock's
// own token for `initialize(key, secret)`); `mockControls.failNextRefresh` and
// `delayNextRefresh` shape the next one.
function refresh(isExpired, trigger) {
  if (state.inflight) {
    return state.inflight.promise;
  }
  const provider = state.provider;
  if (!provider) {
    return Promise.reject(
      fail(ErrorCode.INVALID_STATE, 'No refresh callback is installed')
    );
  }
  const generation = state.generation;
  const shaping = state.nextRefresh;
  state.nextRefresh = null;
  const flight = { trigger, generation, promise: null, cancel: null };
  const superseded = () =>
    fail(ErrorCode.CANCELLED, 'superseded by a newer initialize call');
  const run = async () => {
    if (shaping && shaping.delayMs) {
      await new Promise((done) => setTimeout(done, shaping.delayMs));
    }
    if (state.generation !== generation) {
      throw superseded(); // not asked: the refresh was cancelled meanwhile
    }
    if (shaping && shaping.code) {
      throw fail(shaping.code, shaping.message);
    }
    let token;
    try {
      token = await provider(isExpired);
    } catch (error) {
      throw fail(
        ErrorCode.TOKEN_REFRESH_FAILED,
        `the refresh callback failed${error && error.message ? `: ${error.message}` : ''}`
      );
    }
    if (typeof token !== 'string' || token.trim() === '') {
      throw fail(
        ErrorCode.TOKEN_REFRESH_FAILED,
        'the refresh callback returned no token string'
      );
    }
    return token;
  };
  // As the SDK, a newer initialize* cancels the refresh at once (`replaceProvider`).
  const cancelled = new Promise((_resolve, reject) => {
    flight.cancel = () => reject(superseded());
  });
  state.inflight = flight;
  publishToken({ trigger });
  flight.promise = Promise.race([run(), cancelled]).then(
    (token) => {
      state.inflight = null;
      state.accessToken = token;
      hold(token);
      publishToken({ trigger, outcome: TokenRefreshOutcome.REFRESHED });
      return token;
    },
    (error) => {
      if (state.generation !== generation) {
        throw superseded();
      }
      state.inflight = null;
      if (state.held) state.held.nextRefreshAt = undefined;
      publishToken({
        trigger,
        outcome: TokenRefreshOutcome.FAILED,
        errorCode: error.code,
        errorMessage: error.message,
      });
      throw error;
    }
  );
  return flight.promise;
}

// A new initialize*: the old schedule ends, a refresh running is SUPERSEDED.
function replaceProvider(provider) {
  state.generation += 1;
  state.provider = provider;
  state.refreshAccessToken = provider === mockTokenProvider ? null : provider;
  const old = state.inflight;
  state.inflight = null;
  if (old) {
    old.cancel();
    publishToken({
      trigger: old.trigger,
      outcome: TokenRefreshOutcome.SUPERSEDED,
    });
  }
}

// The provider of `initialize(key, secret)`: the SDK fetches its tokens itself.
async function mockTokenProvider() {
  return unsignedJwt(Date.now() + MOCK_TOKEN_LIFETIME_MS);
}

function unsignedJwt(expMs) {
  const part = (value) => {
    const json = JSON.stringify(value);
    const base64 =
      typeof Buffer !== 'undefined'
        ? Buffer.from(json, 'utf8').toString('base64')
        : btoa(json);
    return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({
    exp: Math.floor(expMs / 1000),
  })}.mock`;
}

function deliverLog(record) {
  const rank = LOG_RANK.indexOf(record.level);
  if (rank <= 0 || rank > LOG_RANK.indexOf(state.logLevel)) {
    return false;
  }
  emit('log', record);
  return true;
}

// ---------------------------------------------------------------------------
// The API. Each entry becomes a jest.fn (when run under Jest) that first honours
// mockControls.failNext(name, ...).

const implementations = {
  'initialize': async (consumerKey, consumerSecret) => {
    if (typeof consumerKey !== 'string' || typeof consumerSecret !== 'string') {
      throw fail(ErrorCode.INVALID_ARGUMENT, 'key and secret must be strings');
    }
    if (consumerKey === '' || consumerSecret === '') {
      throw fail(
        ErrorCode.INVALID_ARGUMENT,
        'key and secret must not be empty'
      );
    }
    replaceProvider(mockTokenProvider);
    state.held = null;
    await refresh(true, TokenRefreshTrigger.INITIALIZE);
    state.initialized = true;
    return true;
  },
  'initializeToken': async (accessToken, refreshAccessToken) => {
    if (accessToken !== null && typeof accessToken !== 'string') {
      throw fail(
        ErrorCode.INVALID_ARGUMENT,
        'accessToken must be a string or null'
      );
    }
    if (typeof refreshAccessToken !== 'function') {
      throw fail(
        ErrorCode.INVALID_ARGUMENT,
        'refreshAccessToken must be a function'
      );
    }
    replaceProvider(refreshAccessToken);
    state.accessToken = accessToken;
    if (!accessToken || isExpiredJwt(accessToken)) {
      state.held = null;
      await refresh(true, TokenRefreshTrigger.INITIALIZE);
    } else {
      hold(accessToken);
      publishToken(undefined);
    }
    state.initialized = true;
    return true;
  },
  'getTokenState': async () => {
    // As the SDK: a VALID token past its expiresAt reads EXPIRED.
    const token = clone(state.token);
    if (
      token.state === TokenStatus.VALID &&
      token.expiresAt !== undefined &&
      token.expiresAt < Date.now()
    ) {
      token.state = TokenStatus.EXPIRED;
    }
    return token;
  },
  'setLogLevel': async (level, options = {}) => {
    if (typeof level !== 'string' || !(level in LogLevel)) {
      throw fail(
        ErrorCode.INVALID_ARGUMENT,
        `level must be one of OFF, ERROR, WARN, INFO, DEBUG, TRACE (got ${JSON.stringify(level)})`
      );
    }
    if (options === null || typeof options !== 'object') {
      throw fail(ErrorCode.INVALID_ARGUMENT, 'options must be an object');
    }
    if (
      options.platformLog !== undefined &&
      typeof options.platformLog !== 'boolean'
    ) {
      throw fail(
        ErrorCode.INVALID_ARGUMENT,
        'options.platformLog must be a boolean'
      );
    }
    state.logLevel = level;
    state.platformLog = options.platformLog !== false;
  },
  'session.open': async (info = {}) => {
    if (info === null || typeof info !== 'object') {
      throw fail(ErrorCode.INVALID_ARGUMENT, 'info must be an object');
    }
    requireInitialized();
    // As the SDK: one session at a time (close it first).
    if (state.participant) {
      throw fail(ErrorCode.INVALID_STATE, 'a session is already open');
    }
    state.participant = { id: nextId('participant'), info: { ...info } };
    setConnection({ state: ConnectionStatus.CONNECTING });
    setConnection({ state: ConnectionStatus.CONNECTED });
    return clone(state.participant);
  },
  'session.close': async () => {
    if (state.currentId) {
      await implementations['conference.leave']();
    }
    state.participant = null;
    setConnection({ state: ConnectionStatus.DISCONNECTED });
  },
  'session.isOpen': async () => state.participant !== null,
  'session.getConnectionState': async () => clone(state.connection),
  'session.getParticipant': async () => {
    requireSession();
    return clone(state.participant);
  },
  'conference.create': async (options = {}) => {
    requireInitialized();
    const existing = [...state.conferences.values()].find(
      (c) => options.alias !== undefined && c.alias === options.alias
    );
    if (existing) {
      return { ...clone(existing), isNew: false };
    }
    const conference = {
      id: nextId('conference'),
      participants: [],
      status: ConferenceStatus.CREATED,
    };
    if (options.alias !== undefined) {
      conference.alias = options.alias;
    }
    state.conferences.set(conference.id, conference);
    return { ...clone(conference), isNew: true };
  },
  'conference.fetch': async (conferenceId) => {
    requireString(conferenceId, 'conferenceId');
    requireInitialized();
    return { ...clone(requireConference(conferenceId)), isNew: false };
  },
  'conference.current': async () =>
    state.currentId ? clone(requireConference(state.currentId)) : null,
  'conference.join': async (conference, options = {}) => {
    const id = idOf(conference, 'conference');
    if (options.conferenceAccessToken !== undefined) {
      throw fail(
        ErrorCode.INVALID_ARGUMENT,
        'conferenceAccessToken is not supported'
      );
    }
    if (
      options.participantType !== undefined &&
      !(options.participantType in ParticipantType)
    ) {
      throw fail(
        ErrorCode.INVALID_ARGUMENT,
        `unknown participantType ${options.participantType}`
      );
    }
    requireSession();
    const target = requireConference(id);
    const before = target.participants.find(
      (p) => p.id === state.participant.id
    );
    if (before && before.status === ParticipantStatus.KICKED) {
      throw fail(
        ErrorCode.SERVER,
        `Participant ${before.id} was kicked from conference ${id}`,
        403
      );
    }
    // As the SDK: joining while in another conference leaves that one first.
    if (state.currentId && state.currentId !== target.id) {
      await implementations['conference.leave']();
    }
    setStatus(target, ConferenceStatus.JOINING);
    const local = {
      ...clone(state.participant),
      status: ParticipantStatus.CONNECTED,
      type: options.participantType || ParticipantType.USER,
    };
    target.participants = target.participants.filter((p) => p.id !== local.id);
    target.participants.push(local);
    state.currentId = target.id;
    emit('participants', {
      conferenceId: target.id,
      participant: local,
      event: ParticipantChange.ADDED,
    });
    setStatus(target, ConferenceStatus.JOINED);
    return clone(target);
  },
  'conference.leave': async (options = {}) => {
    const conference = requireCurrent();
    setStatus(conference, ConferenceStatus.LEAVING);
    // As the platform: everyone who joined stays listed, with their current status.
    const me = conference.participants.find(
      (p) => p.id === state.participant.id
    );
    if (me) {
      me.status = ParticipantStatus.LEFT;
    }
    state.currentId = null;
    setStatus(conference, ConferenceStatus.LEFT);
    if (options.leaveRoom) {
      state.participant = null;
      setConnection({ state: ConnectionStatus.DISCONNECTED });
    }
  },
  'conference.getParticipants': async (conference) => {
    const id = idOf(conference, 'conference');
    requireInitialized();
    return clone(requireConference(id).participants);
  },
  'conference.getParticipant': async (participantId) => {
    requireString(participantId, 'participantId');
    const found = requireCurrent().participants.find(
      (p) => p.id === participantId
    );
    if (!found) {
      throw fail(
        ErrorCode.INVALID_ARGUMENT,
        `Unknown participant ${participantId}`
      );
    }
    return clone(found);
  },
  'conference.getStatus': async (conference) => {
    const id = idOf(conference, 'conference');
    requireInitialized();
    return requireConference(id).status;
  },
  'conference.kick': async (participant) => {
    const id = idOf(participant, 'participant');
    const conference = requireCurrent();
    if (!conference.participants.some((p) => p.id === id)) {
      throw fail(ErrorCode.INVALID_ARGUMENT, `Unknown participant ${id}`);
    }
    kick(conference, id);
  },
  'conference.mute': async (participant, isMuted) => {
    const id = idOf(participant, 'participant');
    if (typeof isMuted !== 'boolean') {
      throw fail(ErrorCode.INVALID_ARGUMENT, 'isMuted must be a boolean');
    }
    requireCurrent();
    state.muted.set(id, isMuted);
    return isMuted;
  },
  'conference.isMuted': async () => {
    requireCurrent();
    return state.muted.get(state.participant.id) === true;
  },
  'conference.updatePermissions': async (participantPermissions) => {
    if (!Array.isArray(participantPermissions)) {
      throw fail(
        ErrorCode.INVALID_ARGUMENT,
        'participantPermissions must be an array'
      );
    }
    for (const entry of participantPermissions) {
      idOf(entry && entry.participant, 'participant');
      if (
        !Array.isArray(entry.permissions) ||
        entry.permissions.some((p) => !(p in ConferencePermission))
      ) {
        throw fail(
          ErrorCode.INVALID_ARGUMENT,
          'permissions must be ConferencePermission values'
        );
      }
    }
    const conference = requireCurrent();
    if (participantPermissions.length === 0) {
      throw fail(ErrorCode.INVALID_ARGUMENT, 'permissions must not be empty');
    }
    for (const entry of participantPermissions) {
      const id = entry.participant.id;
      if (id === state.participant.id) {
        emit('permissions', {
          conferenceId: conference.id,
          permissions: [...entry.permissions],
        });
      }
    }
  },
};

function mockFn(impl) {
  // `jest` is in scope when Jest loads this file; fall back to plain functions elsewhere.
  return typeof jest !== 'undefined' ? jest.fn(impl) : impl;
}

function withFailure(name, impl) {
  return async (...args) => {
    const failure = takeFailure(name);
    if (failure) {
      throw failure;
    }
    return impl(...args);
  };
}

function subscriber(kind) {
  return (handler) => {
    if (typeof handler !== 'function') {
      throw fail(ErrorCode.INVALID_ARGUMENT, 'handler must be a function');
    }
    listeners[kind].add(handler);
    return () => {
      listeners[kind].delete(handler);
    };
  };
}

const DolbyIoIAPI = { session: {}, conference: {} };
const mocks = {};

function installImplementations() {
  for (const [name, impl] of Object.entries(implementations)) {
    const fn = mocks[name];
    const wrapped = withFailure(name, impl);
    if (fn && typeof fn.mockReset === 'function') {
      fn.mockReset();
      fn.mockImplementation(wrapped);
    } else if (!fn) {
      mocks[name] = mockFn(wrapped);
    }
  }
  for (const [name, kind] of [
    ['conference.onStatusChange', 'status'],
    ['conference.onParticipantsChange', 'participants'],
    ['conference.onPermissionsChange', 'permissions'],
    ['session.onConnectionStateChange', 'connection'],
    ['onTokenStateChange', 'token'],
    ['onLog', 'log'],
  ]) {
    const fn = mocks[name];
    if (fn && typeof fn.mockReset === 'function') {
      fn.mockReset();
      fn.mockImplementation(subscriber(kind));
    } else if (!fn) {
      mocks[name] = mockFn(subscriber(kind));
    }
  }
  for (const [name, fn] of Object.entries(mocks)) {
    const [service, method] = name.includes('.')
      ? name.split('.')
      : [null, name];
    (service ? DolbyIoIAPI[service] : DolbyIoIAPI)[method] = fn;
  }
}

// ---------------------------------------------------------------------------
// Controls for tests

const mockControls = {
  /** Forgets everything: state, listeners, queued failures, and jest.fn calls. */
  reset() {
    state = freshState();
    failures.clear();
    for (const set of Object.values(listeners)) {
      set.clear();
    }
    installImplementations();
  },
  /**
   * Asks the refresh callback of the last initializeToken for a token, as the SDK does
   * when a token expires (INVALID_STATE after `initialize(key, secret)`: no callback). Emits
   * REFRESHING with `trigger` (default EXPIRY when `isExpired`, else HALF_LIFE), then VALID
   * (REFRESHED) or FAILED. A refresh running is shared. Resolves with the token or rejects
   * with TOKEN_REFRESH_FAILED (or the code of `failNextRefresh`).
   */
  refreshAccessToken(isExpired = false, trigger) {
    if (!state.refreshAccessToken) {
      return Promise.reject(
        fail(ErrorCode.INVALID_STATE, 'No refresh callback is installed')
      );
    }
    return refresh(
      isExpired,
      trigger ||
        (isExpired ? TokenRefreshTrigger.EXPIRY : TokenRefreshTrigger.HALF_LIFE)
    );
  },
  /**
   * The token held reaches its expiry: as the SDK at expiry, a refresh with trigger EXPIRY
   * (`isExpired` true) follows. Resolves with the token state after it: VALID when the
   * callback answered, EXPIRED with the FAILED refresh when it did not (e.g. after
   * `failNextRefresh()`): the moment to ask the user to sign in again.
   */
  async expireToken() {
    if (state.held) {
      state.held = { exp: Date.now() - 1, nextRefreshAt: undefined };
    }
    await refresh(true, TokenRefreshTrigger.EXPIRY).catch(() => undefined);
    return clone(state.token);
  },
  /**
   * Makes the next refresh fail with `code` (default TOKEN_REFRESH_FAILED) without asking the
   * callback: the token state gets the FAILED outcome with that code; a token still valid is
   * kept.
   */
  failNextRefresh(
    code = ErrorCode.TOKEN_REFRESH_FAILED,
    message = 'the refresh callback failed'
  ) {
    state.nextRefresh = { ...(state.nextRefresh || {}), code, message };
  },
  /**
   * Makes the next refresh wait `ms` (a real timer, so Jest's fake timers advance it) before
   * asking the callback: the token state stays REFRESHING meanwhile.
   */
  delayNextRefresh(ms) {
    state.nextRefresh = { ...(state.nextRefresh || {}), delayMs: ms };
  },
  /**
   * Drops the session's event connection: RECONNECTING with attempt 1..`attempts` (default
   * 1), each with `reason` (default NETWORK) and `retryInMs` (default 1000, doubling), then
   * CONNECTED again, unless `reconnect` is false (then it stays RECONNECTING until
   * `restoreConnection()`). Needs an open session.
   */
  dropConnection({
    reason = ConnectionDropReason.NETWORK,
    attempts = 1,
    retryInMs = 1000,
    reconnect = true,
  } = {}) {
    requireSession();
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      setConnection({
        state: ConnectionStatus.RECONNECTING,
        attempt,
        retryInMs: retryInMs * 2 ** (attempt - 1),
        reason,
      });
    }
    if (reconnect) {
      setConnection({ state: ConnectionStatus.CONNECTED });
    }
  },
  /** Ends a `dropConnection({ reconnect: false })`: CONNECTED again. */
  restoreConnection() {
    requireSession();
    setConnection({ state: ConnectionStatus.CONNECTED });
  },
  /**
   * Emits a log record to `onLog` handlers as the SDK would, when its level is at or above the
   * level of `setLogLevel` (WARN by default); returns whether it was delivered. `target`
   * defaults to 'iapi_core', `timestamp` to now. The mock writes nothing to the console.
   */
  emitLog(record) {
    if (!record || typeof record.message !== 'string') {
      throw new Error('emitLog needs a record with a message');
    }
    if (!(record.level in LogLevel) || record.level === LogLevel.OFF) {
      throw new Error(`emitLog: unknown level ${record.level}`);
    }
    return deliverLog(
      withoutUndefined({
        level: record.level,
        target: record.target || 'iapi_core',
        message: record.message,
        timestamp: record.timestamp ?? Date.now(),
        dropped: record.dropped,
      })
    );
  },
  /** The log level set by `setLogLevel` (WARN until set). */
  get logLevel() {
    return state.logLevel;
  },
  /** The `platformLog` option of the last `setLogLevel` (true until set). */
  get platformLog() {
    return state.platformLog;
  },
  /** The last access token given to or obtained by the SDK. */
  get accessToken() {
    return state.accessToken;
  },
  /** Whether initialize or initializeToken succeeded. */
  get isInitialized() {
    return state.initialized;
  },
  /** Makes the next `times` calls of `method` (e.g. 'session.open') reject with `code`. */
  failNext(method, code, message = `${method} failed`, times = 1) {
    if (!(method in implementations)) {
      throw new Error(`Unknown method ${method}`);
    }
    failures.set(method, { code, message, times });
  },
  /** Adds a remote participant to the current conference and emits ADDED. */
  addParticipant(info = {}, type = ParticipantType.USER) {
    const conference = requireCurrent();
    const participant = {
      id: nextId('participant'),
      info: { ...info },
      status: ParticipantStatus.CONNECTED,
      type,
    };
    conference.participants.push(participant);
    emit('participants', {
      conferenceId: conference.id,
      participant,
      event: ParticipantChange.ADDED,
    });
    return clone(participant);
  },
  /**
   * A remote participant leaves the current conference: it stays listed with status LEFT,
   * and REMOVED is emitted.
   */
  removeParticipant(participantId) {
    const conference = requireCurrent();
    const found = conference.participants.find((p) => p.id === participantId);
    if (!found) {
      throw new Error(`Unknown participant ${participantId}`);
    }
    found.status = ParticipantStatus.LEFT;
    emit('participants', {
      conferenceId: conference.id,
      participant: found,
      event: ParticipantChange.REMOVED,
    });
  },
  /**
   * Someone else kicks a participant (a remote one or the local one) of the current
   * conference: it stays listed with status KICKED and UPDATED is emitted; a kicked local
   * participant is in no conference any more.
   */
  kickParticipant(participantId) {
    const conference = requireCurrent();
    if (!conference.participants.some((p) => p.id === participantId)) {
      throw new Error(`Unknown participant ${participantId}`);
    }
    kick(conference, participantId);
  },
  /** Sets the status of a conference and emits onStatusChange. */
  setConferenceStatus(conferenceId, status) {
    setStatus(requireConference(conferenceId), status);
  },
  /** Emits onPermissionsChange for the current conference. */
  setPermissions(permissions) {
    const conference = requireCurrent();
    emit('permissions', {
      conferenceId: conference.id,
      permissions: [...permissions],
    });
  },
  /** How many listeners are subscribed to each conference event. */
  listenerCount() {
    return {
      onStatusChange: listeners.status.size,
      onParticipantsChange: listeners.participants.size,
      onPermissionsChange: listeners.permissions.size,
      onConnectionStateChange: listeners.connection.size,
      onTokenStateChange: listeners.token.size,
      onLog: listeners.log.size,
    };
  },
};

mockControls.reset();

module.exports = {
  __esModule: true,
  default: DolbyIoIAPI,
  ErrorCode,
  DolbyIoIAPIError,
  ConferenceStatus,
  ParticipantStatus,
  ParticipantType,
  ConferencePermission,
  ParticipantChange,
  Codec,
  RTCPMode,
  ConnectionStatus,
  ConnectionDropReason,
  TokenStatus,
  TokenRefreshTrigger,
  TokenRefreshOutcome,
  LogLevel,
  mockControls,
};

// ---------------------------------------------------------------------------
// React hooks: the package's own (src-js/hooks), over this mock's instance. Loaded at the
// first call, so that tests which use no hook need no transform of the package; a test that
// renders components using the hooks needs the package in `transformIgnorePatterns` (its
// sources are TypeScript; see "React hooks" in the README).

let hooks = null;
// Installed (in node_modules, which Jest does not transform): the built CommonJS hooks
// (lib/commonjs), so no `transformIgnorePatterns` entry is needed. In this repository: the
// sources, which the package's own Jest transforms.
const installed = __dirname.split(require('path').sep).includes('node_modules');
const loadHooks = () =>
  hooks ||
  (hooks = installed
    ? require('../lib/commonjs/hooks')
    : require('../src-js/hooks'));
for (const name of [
  'useConnectionState',
  'useTokenState',
  'useSession',
  'useConference',
  'useParticipants',
]) {
  module.exports[name] = (sdk) => loadHooks()[name](sdk || DolbyIoIAPI);
}
