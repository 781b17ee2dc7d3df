/**
 * The error codes shared by every layer of the SDK (Rust core, Kotlin, Swift and JS).
 * A rejected promise of this SDK carries one of them in `error.code`.
 */
export const ErrorCode = {
  /** An argument is missing, malformed or out of range. */
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  /** The SDK was used before `initialize` or `initializeToken` succeeded. */
  NOT_INITIALIZED: 'NOT_INITIALIZED',
  /** The call does not fit the current state (for example no open session). */
  INVALID_STATE: 'INVALID_STATE',
  /** The platform refused the credentials or the access token. */
  UNAUTHORIZED: 'UNAUTHORIZED',
  /**
   * The refresh callback threw, rejected or returned no usable token (not a JWT with
   * an `exp` that is not yet past). A callback that does not answer in time gives `TIMEOUT`.
   */
  TOKEN_REFRESH_FAILED: 'TOKEN_REFRESH_FAILED',
  /** An HTTP request or a refresh callback did not complete in time. */
  TIMEOUT: 'TIMEOUT',
  /** The platform could not be reached. */
  NETWORK: 'NETWORK',
  /** The platform answered with an error. */
  SERVER: 'SERVER',
  /** The operation was cancelled (for example by a newer initialization). */
  CANCELLED: 'CANCELLED',
} as const;

/** One of the values of {@link ErrorCode}. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const KNOWN_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

/** Tells whether `value` is one of the shared error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && KNOWN_CODES.has(value);
}

/**
 * The error every promise of the SDK rejects with.
 * Messages never contain secrets (consumer secret, tokens).
 */
export class DolbyIoIAPIError extends Error {
  /** The shared error code. */
  readonly code: ErrorCode;
  /**
   * The code the native layer rejected with, when it was not one of the shared codes
   * (a contract violation reported as `INVALID_STATE`).
   */
  readonly nativeCode?: string;
  /**
   * For `SERVER` errors only: the HTTP status the platform answered with (for example 503).
   * Absent for every other code.
   */
  readonly status?: number;
  /**
   * For `SERVER` errors only, when the platform's error body had one: its `error_code`.
   * Absent for every other code.
   */
  readonly platformCode?: number;

  /**
   * The SDK creates these when a call fails; an app reads them, and may create one in its own
   * tests (the Jest mock does).
   * @param code The shared error code.
   * @param message A readable message, without secrets.
   * @param nativeCode The native layer's code when it was not one of the shared codes.
   * @param server For `SERVER` errors: the HTTP `status` and the platform's `platformCode`.
   */
  constructor(
    code: ErrorCode,
    message: string,
    nativeCode?: string,
    server?: { status?: number; platformCode?: number }
  ) {
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
