import { startEmulator } from '../bindings/node/emulator.mjs';

export const KEY = 'e2e-key';
export const SECRET = 'e2e-secret';

export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** An emulator with the app KEY:SECRET for the file's tests. */
export async function emulatorForTests() {
  return startEmulator({ apps: [[KEY, SECRET]] });
}

/** Waits until just after a wall-clock second boundary (JWT iat/exp are whole seconds). */
export async function alignToSecond(offsetMs = 20) {
  const now = Date.now();
  await sleep(1000 - (now % 1000) + offsetMs);
}

export function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Resolves with the error `promise` rejects with; fails when it resolves. */
export async function rejectionOf(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** A refresh callback that records its calls and answers with `answer(isExpired, n)`. */
export function recordingCallback(answer) {
  const calls = [];
  const callback = async (isExpired) => {
    calls.push({ isExpired, at: Date.now() });
    return answer(isExpired, calls.length);
  };
  return { callback, calls };
}

/** Seconds until the JWT's exp. */
export function secondsLeft(token) {
  const payload = JSON.parse(
    Buffer.from(token.split('.')[1], 'base64url').toString('utf8')
  );
  return payload.exp - Date.now() / 1000;
}
