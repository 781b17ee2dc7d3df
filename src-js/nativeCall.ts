import { DolbyIoIAPIError, ErrorCode, isErrorCode } from './errors';

function describe(error: unknown): {
  code: unknown;
  message: string;
  userInfo: unknown;
} {
  if (error !== null && typeof error === 'object') {
    const { code, message, userInfo } = error as {
      code?: unknown;
      message?: unknown;
      userInfo?: unknown;
    };
    return {
      code,
      message: typeof message === 'string' ? message : String(error),
      userInfo,
    };
  }
  return { code: undefined, message: String(error), userInfo: undefined };
}

function numberField(record: unknown, key: string): number | undefined {
  if (record === null || typeof record !== 'object') {
    return undefined;
  }
  const value = (record as Record<string, unknown>)[key];
  return typeof value === 'number' && Number.isFinite(value)
    ? value
    : undefined;
}

/**
 * Turns anything a native promise rejected with into a {@link DolbyIoIAPIError}.
 * A shared code is kept; any other code is reported as `INVALID_STATE`
 * with the original code in `nativeCode`. For `SERVER`, the rejection's
 * `userInfo` (React Native's copy of the native userInfo; the Node host sets
 * the same) gives `status` and `platformCode` when they are numbers.
 */
export function toDolbyIoIAPIError(error: unknown): DolbyIoIAPIError {
  if (error instanceof DolbyIoIAPIError) {
    return error;
  }
  const { code, message, userInfo } = describe(error);
  const text = message.length > 0 ? message : 'Native call failed';
  if (code === ErrorCode.SERVER) {
    return new DolbyIoIAPIError(code, text, undefined, {
      status: numberField(userInfo, 'status'),
      platformCode: numberField(userInfo, 'platformCode'),
    });
  }
  if (isErrorCode(code)) {
    return new DolbyIoIAPIError(code, text);
  }
  const nativeCode = typeof code === 'string' ? code : undefined;
  return new DolbyIoIAPIError(
    ErrorCode.INVALID_STATE,
    nativeCode ? `${text} (native code ${nativeCode})` : text,
    nativeCode
  );
}

/**
 * Runs one call into the native module and wraps whatever it throws or rejects with
 * into a {@link DolbyIoIAPIError}. Every service method goes through here.
 */
export async function callNative<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toDolbyIoIAPIError(error);
  }
}

/** Rejects with `INVALID_ARGUMENT` unless `condition` holds. */
export function assertArgument(
  condition: boolean,
  message: string
): asserts condition {
  if (!condition) {
    throw new DolbyIoIAPIError(ErrorCode.INVALID_ARGUMENT, message);
  }
}
