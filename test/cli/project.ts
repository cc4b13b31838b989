/**
 * A temporary zhiban project for the CLI tests: templates copied (tests change them), node_modules linked,
 * a few generated sources (scripts/corpus.ts on the canonical source), and an in-process `main` with captured output.
 */
import {cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {main, type Io} from '../../scripts/cli.ts'
import {makeCorpus} from '../../scripts/corpus.ts'

/** The zhiban checkout. */
import {ROOT as HOME} from '../root.ts'

export {HOME}
/** Fake writers (until the real editions are merged into this branch). */
export const FAKE_WRITERS = path.join(HOME, 'test', 'cli', 'fixtures', 'fake-writers.mjs')

/** A temporary project. */
export interface Project {
  root: string
  /** Run the CLI in-process in the project. */
  run(args: readonly string[], options?: {env?: Record<string, string>; stop?: Promise<void>; cwd?: string; onStdout?: (text: string) => void}): Promise<{code: number; stdout: string; stderr: string}>
  /** Every file under a folder of the project with its bytes (relative path → bytes). */
  files(dir: string): Map<string, Buffer>
  remove(): void
}

/**
 * Make a project with `count` generated sources.
 * @param count how many sources
 * @param options `real`: the real edition writers instead of the fake ones
 */
export function makeProject(count = 3, options: {real?: boolean} = {}): Project {
  const root = mkdtempSync(path.join(os.tmpdir(), 'zhiban-cli-'))
  cpSync(path.join(HOME, 'templates'), path.join(root, 'templates'), {recursive: true})
  symlinkSync(path.join(HOME, 'node_modules'), path.join(root, 'node_modules'))
  writeFileSync(path.join(root, 'package.json'), `${JSON.stringify({name: 'zhiban-test-project', private: true, type: 'module'}, null, 2)}\n`)
  mkdirSync(path.join(root, 'source'))
  const seed = readFileSync(path.join(HOME, 'source', 'samr-2022-quality-action-plan-qa.md'), 'utf8')
  for (const doc of makeCorpus({seed, count, random: 42})) writeFileSync(path.join(root, 'source', `${doc.slug}.md`), doc.markdown)
  const cache = path.join(root, '.cache-build')
  const real = options.real === true
  return {
    root,
    async run(args, options = {}) {
      let stdout = ''
      let stderr = ''
      const io: Io = {
        stdout: {write: (s: string) => ((stdout += s), options.onStdout?.(stdout), true)},
        stderr: {write: (s: string) => ((stderr += s), true)},
        // Note: each project has its own build cache (ZHIBAN_CACHE_DIR), so tests do not see each other's entries.
        env: {...(real ? {} : {ZHIBAN_WRITERS: FAKE_WRITERS}), ZHIBAN_CACHE_DIR: cache, ...options.env},
        cwd: options.cwd ?? root,
        ...(options.stop ? {stop: options.stop} : {}),
      }
      const code = await main(['node', 'zhiban', ...args], io)
      return {code, stdout, stderr}
    },
    files(dir) {
      const out = new Map<string, Buffer>()
      const walk = (d: string, prefix: string) => {
        for (const name of readdirSync(d).sort()) {
          const full = path.join(d, name)
          if (statSync(full).isDirectory()) walk(full, `${prefix}${name}/`)
          else out.set(`${prefix}${name}`, readFileSync(full))
        }
      }
      walk(path.join(root, dir), '')
      return out
    },
    remove() {
      rmSync(root, {recursive: true, force: true})
    },
  }
}
