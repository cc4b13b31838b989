/**
 * The CLI's standard output and error when it runs as its own process.
 *
 * Note: written with fs.writeSync on the descriptor, not through process.stdout and process.stderr, when that is
 * what Node would do anyway: on Linux, a file, a pipe or a socket, where Node's own streams write
 * synchronously too. Node builds those streams on first use, over a pipe or a socket with its network stream
 * machinery: ~2.5 ms of a fresh build whose output is read by another program (a CMS, the benchmark), for two lines.
 * A terminal, another system, or a write the descriptor refuses goes to Node's stream, from then on, so the order of
 * the lines is kept. A write is refused when the descriptor is non-blocking and full: Node makes a pipe so when it
 * builds its stream over it, which worker threads make it do (their output goes through it).
 *
 * Note: whether Node's streams hold output not yet written ({@link outputPending}) decides whether the launcher
 * may end the process at once; asking a stream builds it, so this module notes when each is built, by whom ever.
 */
import {fstatSync, writeSync} from 'node:fs'
import type {Sink} from './progress.ts'

/** Node's standard streams built so far. */
const built = {stdout: false, stderr: false}
for (const name of ['stdout', 'stderr'] as const) {
  const property = Object.getOwnPropertyDescriptor(process, name)
  const get = property?.get
  if (property?.configurable && get) {
    Object.defineProperty(process, name, {
      configurable: true,
      enumerable: property.enumerable ?? true,
      get() {
        built[name] = true
        return get.call(process)
      },
    })
  }
}

/** Whether Node's standard output or error holds output not yet written (neither is built to ask). */
export function outputPending(): boolean {
  return (built.stdout && process.stdout.writableLength > 0) || (built.stderr && process.stderr.writableLength > 0)
}

/** A standard stream as a {@link Sink}, with the terminal's width when it is one. */
export interface StdSink extends Sink {
  readonly columns?: number | undefined
}

/**
 * Standard output (1) or error (2).
 * @param fd the descriptor
 */
export function stdSink(fd: 1 | 2): StdSink {
  const stream = (): NodeJS.WriteStream => (fd === 1 ? process.stdout : process.stderr)
  let direct = process.platform === 'linux' && notTerminal(fd)
  return {
    get isTTY() {
      return direct ? false : stream().isTTY
    },
    get columns() {
      return direct ? undefined : stream().columns
    },
    write(text: string): boolean {
      if (direct) {
        const bytes = Buffer.from(text, 'utf8')
        let done = 0
        try {
          while (done < bytes.byteLength) done += writeSync(fd, bytes, done)
          return true
        } catch {
          // Note: refused (e.g. EAGAIN): the rest, and all later writes, through Node's stream, which waits.
          direct = false
          return stream().write(bytes.subarray(done))
        }
      }
      return stream().write(text)
    },
  }
}

/**
 * Whether a descriptor is a file, a pipe or a socket, which no terminal is. Note: asked of fstat, not node:tty's
 * isatty, whose module loads Node's network streams (~1.5 ms); a character device (a terminal, /dev/null) goes
 * through Node's stream.
 * @param fd the descriptor
 */
function notTerminal(fd: number): boolean {
  try {
    const stat = fstatSync(fd)
    return stat.isFile() || stat.isFIFO() || stat.isSocket()
  } catch {
    return false
  }
}
