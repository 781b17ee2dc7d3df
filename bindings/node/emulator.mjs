/**
 * Starts the local IAPI platform emulator (target/debug/iapi-emulator, built by
 * `cargo build -p iapi-emulator`) as a child process on a free port, and wraps its
 * control API. Used by the demo and the end-to-end tests; app developers can use it the
 * same way to test their own token backend against the emulator.
 *
 *   const emu = await startEmulator({ apps: [['KEY', 'SECRET']] });
 *   emu.baseUrl;                          // http://127.0.0.1:PORT
 *   await emu.mint('KEY', 2);             // a token living 2 s
 *   await emu.stop();
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The emulator binary: $IAPI_EMULATOR_BIN, else the workspace's debug build. */
export function emulatorBinary() {
  const fromEnv = process.env.IAPI_EMULATOR_BIN;
  if (fromEnv && fromEnv.trim()) return resolve(fromEnv.trim());
  const targetDir = process.env.CARGO_TARGET_DIR
    ? resolve(process.env.CARGO_TARGET_DIR)
    : join(ROOT, 'target');
  const exe =
    process.platform === 'win32' ? 'iapi-emulator.exe' : 'iapi-emulator';
  return join(targetDir, 'debug', exe);
}

/**
 * @param {{ apps?: [string, string][], tokenTtl?: number, quiet?: boolean,
 *           binary?: string, onLog?: (line: string) => void }} [options]
 *   `quiet` (default true) silences the request log; `onLog` receives its lines otherwise.
 */
export async function startEmulator(options = {}) {
  const { apps = [['KEY', 'SECRET']], tokenTtl, quiet = true, onLog } = options;
  const binary = options.binary ?? emulatorBinary();
  if (!existsSync(binary)) {
    throw new Error(
      `emulator not found at ${binary}: run 'cargo build -p iapi-emulator'`
    );
  }
  const args = ['--port', '0'];
  for (const [key, secret] of apps) args.push('--app', `${key}:${secret}`);
  if (tokenTtl !== undefined) args.push('--token-ttl', String(tokenTtl));

  const child = spawn(binary, args, {
    stdio: ['ignore', 'pipe', quiet ? 'ignore' : 'pipe'],
    env: { ...process.env, ...(quiet ? { IAPI_EMULATOR_QUIET: '1' } : {}) },
  });
  const exited = new Promise((done) =>
    child.once('exit', (code, signal) => done({ code, signal }))
  );
  if (!quiet && child.stderr) {
    let partial = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) onLog?.(line);
    });
  }

  const baseUrl = await new Promise((done, fail) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error('emulator did not print its listening line within 10 s'));
    }, 10_000);
    child.stdout.setEncoding('utf8');
    const onData = (chunk) => {
      out += chunk;
      const newline = out.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stdout.resume(); // keep draining
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(
        out.slice(0, newline).trim()
      );
      if (match) done(match[1]);
      else {
        child.kill('SIGKILL');
        fail(new Error(`unexpected emulator output: ${out.slice(0, newline)}`));
      }
    };
    child.stdout.on('data', onData);
    child.once('error', (e) => {
      clearTimeout(timer);
      fail(e);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`emulator exited with ${code} before listening`));
    });
  });

  async function control(method, path, body) {
    const res = await fetch(`${baseUrl}/_control/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok)
      throw new Error(`control ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  let stopping = null;
  return {
    baseUrl,
    pid: child.pid,
    /** A token for `appKey` living `ttlSecs` seconds (may be <= 0: already expired). */
    mint: async (appKey, ttlSecs) =>
      (await control('POST', 'mint', { appKey, ttlSecs })).accessToken,
    revoke: (token) => control('POST', 'revoke', { token }),
    /**
     * `{route: 'token'|'identify'|'logout'|'conference*'|'ws', kind: 'latency'|'status'|'drop'|
     * 'date'|'closeAfterHandshake', latencyMs?, status?, dateOffsetMs?, times?}`: `date` shifts
     * the answers' `Date` header by `dateOffsetMs`; `closeAfterHandshake` (route `ws`) closes
     * each event socket right after its handshake (emulator/README.md, Faults).
     */
    injectFault: (fault) => control('POST', 'faults', fault),
    clearFaults: () => control('DELETE', 'faults'),
    counters: () => control('GET', 'counters'),
    /** How many event WebSockets are open (`GET /_control/ws`). */
    wsOpen: async () => (await control('GET', 'ws')).open,
    /** Drops every event WebSocket without a close frame; resolves how many were open. */
    dropWs: async () => (await control('POST', 'ws/drop')).dropped,
    /**
     * Refuses event WebSocket handshakes (503) for `durationMs` (0 ends it); with `drop`, also
     * drops the open ones. Resolves how many were dropped.
     */
    refuseWs: async (durationMs, drop = false) =>
      (await control('POST', 'ws/refuse', { durationMs, drop })).dropped,
    /** Stops the emulator (SIGTERM, SIGKILL after 3 s) and waits for it to exit. */
    stop() {
      if (stopping) return stopping;
      if (child.exitCode !== null || child.signalCode !== null)
        return (stopping = exited);
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 3000);
      stopping = exited.finally(() => clearTimeout(force));
      return stopping;
    },
  };
}
