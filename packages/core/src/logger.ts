/** Where Pauz reports what it cannot answer for (unexpected errors, clean-up left to reconcile). */
export interface PauzLogger {
  error(message: string, context: Record<string, unknown>): void;
}

/** Logs to `console.error`. */
export const consoleLogger: PauzLogger = {
  error: (message, context) => console.error(`[pauz] ${message}`, context),
};
