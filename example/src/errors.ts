/** An error as the screen shows it: the SDK's `code` (DolbyIoIAPIError) and message. */
export interface ShownError {
  action: string;
  code: string;
  message: string;
}

export function toShownError(action: string, error: unknown): ShownError {
  const code =
    error && typeof error === 'object' && 'code' in error
      ? String((error as { code: unknown }).code)
      : 'UNKNOWN';
  const message = error instanceof Error ? error.message : String(error);
  return { action, code, message };
}
