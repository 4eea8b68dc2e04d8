/**
 * Hands the event loop back between slices of rendering work, so a long document
 * does not hold up the other requests of the process. `setImmediate` where the
 * runtime has it (Node, Bun, Deno: I/O callbacks run, no 1 ms timer clamp), else a
 * zero-delay timer (Workers and browsers).
 */
export const yieldToEventLoop: () => Promise<void> =
  typeof globalThis.setImmediate === 'function'
    ? () => new Promise((resolve) => globalThis.setImmediate(resolve))
    : () => new Promise((resolve) => setTimeout(resolve, 0));
