/**
 * The example app against the package's Jest mock: initializeToken calls the callback (which
 * fetches from the token URL), session.open, conference.create + join, participant events,
 * errors with their code, and unsubscribing on unmount.
 */
import ReactTestRenderer, { act } from 'react-test-renderer';
import type { ReactTestInstance, ReactTestRenderer as Renderer } from 'react-test-renderer';
import { ErrorCode } from '@dolbyio/react-native-iapi-sdk';
import DolbyIoIAPI, { mockControls } from '@dolbyio/react-native-iapi-sdk/jest';
import App from '../App';
import { DEFAULT_TOKEN_URL } from '../src/config';

const fetchMock = jest.fn();

beforeEach(() => {
  mockControls.reset();
  let n = 0;
  fetchMock.mockReset();
  fetchMock.mockImplementation(async () => ({
    ok: true,
    status: 200,
    json: async () => ({ access_token: `token-${++n}` }),
  }));
  globalThis.fetch = fetchMock as unknown as typeof fetch;
  jest.spyOn(console, 'log').mockImplementation(() => {});
});

afterEach(() => {
  jest.restoreAllMocks();
});

async function render(): Promise<Renderer> {
  let renderer: Renderer | undefined;
  await act(async () => {
    renderer = ReactTestRenderer.create(<App />);
  });
  return renderer!;
}

const byTestId = (renderer: Renderer, testID: string): ReactTestInstance =>
  renderer.root.find(
    (node) => node.props.testID === testID && typeof node.type !== 'string'
  );

async function press(renderer: Renderer, testID: string) {
  await act(async () => {
    byTestId(renderer, testID).props.onPress();
  });
}

async function type(renderer: Renderer, testID: string, text: string) {
  await act(async () => {
    byTestId(renderer, testID).props.onChangeText(text);
  });
}

/** All text rendered under a node, joined. */
function textOf(node: ReactTestInstance): string {
  return node.children
    .map((child) => (typeof child === 'string' ? child : textOf(child)))
    .join('');
}

const screenText = (renderer: Renderer) => textOf(renderer.root);
const smokeLines = () =>
  (console.log as jest.Mock).mock.calls
    .map((args) => String(args[0]))
    .filter((line) => line.startsWith('IAPI_SMOKE '));

test('initializeToken: the callback fetches from the token URL and is listed', async () => {
  const renderer = await render();
  expect(screenText(renderer)).toContain('No callback yet.');
  await type(renderer, 'token-url', 'http://127.0.0.1:9999/token');

  await press(renderer, 'initialize');

  expect(DolbyIoIAPI.initializeToken).toHaveBeenCalledWith(null, expect.any(Function));
  expect(fetchMock).toHaveBeenCalledWith('http://127.0.0.1:9999/token');
  expect(mockControls.accessToken).toBe('token-1');
  expect(textOf(byTestId(renderer, 'token-callback-1'))).toMatch(
    /^#1 \d\d:\d\d:\d\d\.\d{3} isExpired=true ok$/
  );

  // A later refresh (the SDK calls the callback again before expiry) is listed too.
  await act(async () => {
    await mockControls.refreshAccessToken(false);
  });
  expect(textOf(byTestId(renderer, 'token-callback-2'))).toContain('isExpired=false ok');
  expect(mockControls.accessToken).toBe('token-2');
  expect(smokeLines()).toEqual(
    expect.arrayContaining([
      'IAPI_SMOKE token-callback n=1 isExpired=true',
      'IAPI_SMOKE token-callback n=2 isExpired=false',
    ])
  );
  await act(async () => renderer.unmount());
});

test('open a session, create and join a conference, participant events listed', async () => {
  const renderer = await render();
  expect(byTestId(renderer, 'token-url').props.value).toBe(DEFAULT_TOKEN_URL);
  await press(renderer, 'initialize');

  await type(renderer, 'name', 'Grace');
  await press(renderer, 'open-session');
  expect(DolbyIoIAPI.session.open).toHaveBeenCalledWith({ name: 'Grace' });
  expect(textOf(byTestId(renderer, 'participant'))).toMatch(
    /^Session open as Grace \(participant-\d+\)$/
  );

  await type(renderer, 'alias', 'standup');
  await press(renderer, 'create-join');
  expect(DolbyIoIAPI.conference.create).toHaveBeenCalledWith({ alias: 'standup' });
  expect(DolbyIoIAPI.conference.join).toHaveBeenCalledTimes(1);
  expect(textOf(byTestId(renderer, 'conference'))).toMatch(
    /^In standup \(conference-\d+\), JOINED$/
  );
  // Joining emits the local participant's ADDED and the status changes.
  const events = textOf(byTestId(renderer, 'conference-events'));
  expect(events).toContain('participant: ADDED Grace (CONNECTED)');
  expect(events).toMatch(/status: conference-\d+: JOINED/);

  // A remote participant arrives, then leaves.
  await act(async () => {
    const bob = mockControls.addParticipant({ name: 'Bob' });
    mockControls.removeParticipant(bob.id);
  });
  const after = textOf(byTestId(renderer, 'conference-events'));
  expect(after).toContain('participant: ADDED Bob');
  expect(after).toContain('participant: REMOVED Bob');

  expect(smokeLines()).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^IAPI_SMOKE session-open participant=participant-\d+$/),
      expect.stringMatching(/^IAPI_SMOKE conference-join conference=conference-\d+ status=JOINED$/),
      'IAPI_SMOKE participant-event ADDED Bob (CONNECTED)',
    ])
  );
  await act(async () => renderer.unmount());
});

test('errors are shown with their code', async () => {
  const renderer = await render();
  // No initializeToken yet: the mock rejects like the SDK, with NOT_INITIALIZED.
  await press(renderer, 'open-session');
  expect(textOf(byTestId(renderer, 'errors'))).toContain(
    `session.open: ${ErrorCode.NOT_INITIALIZED}:`
  );

  // A token server that fails: the callback's error becomes TOKEN_REFRESH_FAILED.
  fetchMock.mockImplementationOnce(async () => ({ ok: false, status: 503, json: async () => ({}) }));
  await press(renderer, 'initialize');
  expect(textOf(byTestId(renderer, 'token-callback-1'))).toContain(
    'failed: token server answered HTTP 503'
  );
  expect(textOf(byTestId(renderer, 'errors'))).toContain(
    `initializeToken: ${ErrorCode.TOKEN_REFRESH_FAILED}:`
  );
  expect(smokeLines()).toContain('IAPI_SMOKE error initializeToken code=TOKEN_REFRESH_FAILED');
  await act(async () => renderer.unmount());
});

test('the listeners are removed on unmount', async () => {
  const renderer = await render();
  // The app's own and the hooks' store (one for all the hooks of the live state screen).
  expect(mockControls.listenerCount()).toMatchObject({
    onParticipantsChange: 2,
    onStatusChange: 2,
    onConnectionStateChange: 1,
    onTokenStateChange: 1,
  });
  await act(async () => renderer.unmount());
  expect(mockControls.listenerCount()).toMatchObject({
    onParticipantsChange: 0,
    onStatusChange: 0,
    onConnectionStateChange: 0,
    onTokenStateChange: 0,
  });
});

test('the live state screen (React hooks): connection, token, session, conference, participants', async () => {
  const renderer = await render();
  const live = (id: string) => textOf(byTestId(renderer, `live-${id}`));
  expect(live('connection')).toBe('Connection: DISCONNECTED');
  expect(live('token')).toBe('Token: no token');
  expect(live('session')).toBe('Session: closed');
  expect(live('conference')).toBe('Conference: none');

  // The token server answers JWTs (this one expires on 2100-01-01 at midnight, UTC).
  const jwt = 'e30.eyJleHAiOjQxMDI0NDQ4MDB9.sig';
  fetchMock.mockImplementation(async () => ({
    ok: true,
    status: 200,
    json: async () => ({ access_token: jwt }),
  }));
  await press(renderer, 'initialize');
  expect(live('token')).toMatch(/^Token: valid until 00:00:00, refresh at \d\d:\d\d:\d\d$/);
  await type(renderer, 'name', 'Grace');
  await press(renderer, 'open-session');
  expect(live('connection')).toBe('Connection: CONNECTED');
  expect(live('session')).toBe('Session: open as Grace');
  await type(renderer, 'alias', 'standup');
  await press(renderer, 'create-join');
  expect(live('conference')).toBe('Conference: standup, JOINED');

  let bobId = '';
  await act(async () => {
    bobId = mockControls.addParticipant({ name: 'Bob' }).id;
  });
  expect(textOf(byTestId(renderer, 'live-status'))).toContain('• Grace (you)• Bob');

  // A drop and its reconnect attempts, then back.
  await act(async () => {
    mockControls.dropConnection({ attempts: 2, reconnect: false });
  });
  expect(live('connection')).toBe('Connection: RECONNECTING (attempt 2, NETWORK, in 2000 ms)');
  await act(async () => {
    mockControls.removeParticipant(bobId);
    mockControls.restoreConnection();
  });
  expect(live('connection')).toBe('Connection: CONNECTED');
  expect(textOf(byTestId(renderer, 'live-status'))).not.toContain('Bob');

  // The token: refreshing while the callback runs, then expired when refreshing fails.
  mockControls.delayNextRefresh(50);
  let refreshed: Promise<unknown> = Promise.resolve();
  await act(async () => {
    refreshed = mockControls.refreshAccessToken(false);
  });
  expect(live('token')).toMatch(/^Token: refreshing/);
  await act(async () => {
    await refreshed;
  });
  expect(live('token')).toMatch(/^Token: valid until \d\d:\d\d:\d\d/);
  mockControls.failNextRefresh();
  await act(async () => {
    await mockControls.expireToken();
  });
  expect(live('token')).toBe('Token: expired; last refresh failed (TOKEN_REFRESH_FAILED)');

  await press(renderer, 'leave');
  expect(live('conference')).toBe('Conference: none');
  expect(textOf(byTestId(renderer, 'live-status'))).toContain('Nobody in a conference.');
  await act(async () => renderer.unmount());
});

test('the smoke deep link runs the whole flow and logs the markers', async () => {
  const { Linking } = require('react-native');
  jest
    .spyOn(Linking, 'getInitialURL')
    .mockResolvedValue(
      `iapiexample://smoke?tokenUrl=${encodeURIComponent('http://127.0.0.1:8090/token')}&alias=ci`
    );
  const renderer = await render();
  await act(async () => {});
  expect(fetchMock).toHaveBeenCalledWith('http://127.0.0.1:8090/token');
  expect(smokeLines()).toEqual([
    'IAPI_SMOKE token-callback n=1 isExpired=true',
    expect.stringMatching(/^IAPI_SMOKE session-open /),
    expect.stringMatching(/^IAPI_SMOKE participant-event ADDED smoke/),
    expect.stringMatching(/^IAPI_SMOKE conference-join .* status=JOINED$/),
    'IAPI_SMOKE done ok',
  ]);
  expect(textOf(byTestId(renderer, 'conference'))).toMatch(/^In ci /);
  await act(async () => renderer.unmount());
});

test('a smoke link delivered twice (initial URL and url event) runs the flow once', async () => {
  const { Linking } = require('react-native');
  const link = `iapiexample://smoke?tokenUrl=${encodeURIComponent('http://127.0.0.1:8090/token')}`;
  let emit: ((event: { url: string }) => void) | undefined;
  jest.spyOn(Linking, 'getInitialURL').mockResolvedValue(link);
  jest.spyOn(Linking, 'addEventListener').mockImplementation((...args: unknown[]) => {
    emit = args[1] as (event: { url: string }) => void;
    return { remove: () => {} };
  });
  const renderer = await render();
  await act(async () => emit?.({ url: link }));
  await act(async () => {});
  expect(DolbyIoIAPI.initializeToken).toHaveBeenCalledTimes(1);
  expect(smokeLines().filter((line) => line === 'IAPI_SMOKE done ok')).toHaveLength(1);
  await act(async () => renderer.unmount());
});
