/**
 * A millisecond clock for the reports' timings (a build's, a document's, an edition's).
 * Note: process.hrtime, not `performance.now()`: Node makes the global `performance` by loading perf_hooks and its
 * timing machinery on first use (~0.6 ms of every fresh process), for a number this gives as well.
 */

/** Milliseconds from an arbitrary fixed point; only differences mean anything. */
export function nowMs(): number {
  const [seconds, nanoseconds] = process.hrtime()
  return seconds * 1e3 + nanoseconds / 1e6
}
