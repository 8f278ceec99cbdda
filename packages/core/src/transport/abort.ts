/** The error a transport throws when its caller's `AbortSignal` fired (stop, new session, destroy). */
export function abortError(): Error {
  return new DOMException('The request was aborted.', 'AbortError');
}

/** True for the error thrown when a send or history load was aborted on purpose. */
export function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'AbortError'
  );
}
