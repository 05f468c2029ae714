/** Every stable error code sayso throws or reports. Messages may change; codes do not. */
export type SaysoErrorCode =
  | 'E_SURVEY_INVALID'
  | 'E_RESPONSE_INVALID'
  | 'E_EVENT_INVALID'
  | 'E_SCORE_INVALID'
  | 'E_ARGUMENT_INVALID'
  | 'E_STORAGE_UNAVAILABLE'
  | 'E_STORAGE_QUOTA'
  | 'E_QUEUE_FULL'
  | 'E_DELIVERY_REJECTED'
  | 'E_DELIVERY_UNAUTHORIZED'
  | 'E_DELIVERY_TOO_LARGE'
  | 'E_RECORD_EXPIRED'
  | 'E_RECORD_CORRUPT'
  | 'E_CONFIG_INVALID'
  | 'E_UI_LOAD_FAILED'
  | 'E_REMOTE_CONFIG'
  | 'E_CONSENT';

/**
 * The one error type sayso throws. `code` is stable; `path` names the bad
 * field of a config or payload (`followUp[1].question`) when there is one.
 */
export class SaysoError extends Error {
  // Declared, then set in the constructor: class-field initialisers are
  // lowered to a defineProperty helper at the ES2020 target, which every
  // bundle that can throw (even `nps` alone) would pay for.
  declare readonly name: 'SaysoError';
  declare readonly code: SaysoErrorCode;
  declare readonly path: string | undefined;

  constructor(code: SaysoErrorCode, message: string, options: { path?: string; cause?: unknown } = {}) {
    super(options.path ? `${options.path}: ${message}` : message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SaysoError';
    this.code = code;
    this.path = options.path;
  }
}

/**
 * True for a SaysoError from any realm (an iframe, another copy of the SDK):
 * compares by name and code rather than relying on `instanceof` alone.
 */
export function isSaysoError(value: unknown): value is SaysoError {
  return (
    value instanceof SaysoError ||
    (typeof value === 'object' &&
      value !== null &&
      (value as { name?: unknown }).name === 'SaysoError' &&
      typeof (value as { code?: unknown }).code === 'string')
  );
}
