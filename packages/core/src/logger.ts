/**
 * Where Pauz reports what it cannot answer for (unexpected errors, upstream failures,
 * clean-up left to reconcile) and, at a lower level, what needs no action (a client
 * that went away).
 *
 * @category Ports
 */
export interface PauzLogger {
  /**
   * Failures that need attention (an unexpected error, a clean-up that failed), with facts to search by in `context`.
   */
  error(message: string, context: Record<string, unknown>): void;
  /**
   * Events that need no action, one short line each (a client that went away
   * mid-request). Loggers without it get them through `error`.
   */
  warn?(message: string, context: Record<string, unknown>): void;
}

/**
 * Logs errors to `console.error` and warnings to `console.warn`.
 *
 * @category Adapters
 */
export const consoleLogger: PauzLogger = {
  error: (message, context) => console.error(`[pauz] ${message}`, context),
  warn: (message, context) => console.warn(`[pauz] ${message}`, context),
};

/** Logs `message` through the logger's `warn`, or its `error` when it has none. */
export function logWarning(logger: PauzLogger, message: string, context: Record<string, unknown>): void {
  if (logger.warn === undefined) logger.error(message, context);
  else logger.warn(message, context);
}
