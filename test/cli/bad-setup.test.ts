/**
 * Issue 13's promise for the project's own setup: a mistake in how zhiban is run (two sources of one slug, no
 * project folder, an output path that is a file, a source path that is a folder or missing) is one clear message
 * and exit 1, never a stack trace, and the previous dist/ stays as it was.
 */
import {copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {makeProject} from './project.ts'

const project = makeProject(2)
const outside = mkdtempSync(path.join(os.tmpdir(), 'zhiban-no-project-'))
afterAll(() => {
  project.remove()
  rmSync(outside, {recursive: true, force: true})
})
const sources = () => readdirSync(path.join(project.root, 'source')).sort()
let before: Map<string, Buffer>

// Note: each test makes what it uses (any one runs alone with -t): a copy of the first source as `<dir>/input.md`.
const copies = (...dirs: string[]): void => {
  for (const dir of dirs) {
    mkdirSync(path.join(project.root, dir), {recursive: true})
    copyFileSync(path.join(project.root, 'source', sources()[0]!), path.join(project.root, dir, 'input.md'))
  }
}
// The one clear refusal: exit 1, nothing on stdout, these lines on stderr.
const refused = (...lines: string[]) => ({code: 1, stdout: '', stderr: [...lines, ''].join('\n')})

beforeAll(async () => {
  expect((await project.run(['build', '--quiet'])).code).toBe(0)
  before = project.files('dist')
})

describe('two sources of one slug', () => {
  const note = '  Rename one of the source files: the slug (the file name without `.md`) names the output folder, so every source built together needs its own (differing in more than letter case).'
  it('should refuse `a/input.md` and `b/input.md` naming both, leaving dist/ as it was', async () => {
    copies('a', 'b')
    const result = await project.run(['build', '--quiet', 'a/input.md', 'b/input.md'])
    expect(result).toEqual(refused(
      'a/input.md:1:1: error slug-duplicate `a/input.md` and `b/input.md` would both be written to the output folder `input/`: the slug comes from the file name (`input`)',
      note,
      'b/input.md:1:1: error slug-duplicate `b/input.md` and `a/input.md` would both be written to the output folder `input/`: the slug comes from the file name (`input`)',
      note,
    ))
    expect(project.files('dist')).toEqual(before)
    // `check` says the same, and writes nothing either.
    const check = await project.run(['check', '--quiet', 'a/input.md', 'b/input.md'])
    expect(check.code).toBe(1)
    expect(check.stderr).toContain('error slug-duplicate `a/input.md` and `b/input.md`')
  })

  it('should build a file named twice once', async () => {
    copies('twice-source')
    const result = await project.run(['build', '--quiet', '--json', 'twice-source/input.md', 'twice-source/input.md', '--out', 'twice'])
    expect(result.code).toBe(0)
    expect((JSON.parse(result.stdout) as {documents: unknown[]}).documents).toHaveLength(1)
  })

  it('should refuse two files of source/ whose names differ only in letter case (one folder on Windows and macOS)', async () => {
    const name = sources()[0]!
    const upper = path.join(project.root, 'source', name.replace(/^[a-z]/, (c) => c.toUpperCase()))
    copyFileSync(path.join(project.root, 'source', name), upper)
    try {
      for (const command of [['build'], ['build', '--shard', '1/1'], ['check']]) {
        const result = await project.run([...command, '--quiet'])
        expect(result.code).toBe(1)
        expect(result.stderr).toContain(`source/${path.basename(upper)}:1:1: error slug-duplicate \`source/${path.basename(upper)}\` and \`source/${name}\` would both be written to the output folder \`${path.basename(upper, '.md')}/\`: the slug comes from the file name (\`${path.basename(upper, '.md')}\`, letter case aside)`)
      }
      expect(project.files('dist')).toEqual(before)
    } finally {
      rmSync(upper)
    }
  })
})

describe('source paths that are not source files', () => {
  it('should say a folder is a folder and a missing file is missing', async () => {
    copies('a')
    const result = await project.run(['build', '--quiet', 'a', 'nothing.md'])
    expect(result).toEqual(refused(
      'a:1:1: error encoding `a` is a folder, not a source file: name its `.md` files (e.g. `a/*.md`)',
      '  Name a Markdown source file (`.md`) that exists and that you may read.',
      'nothing.md:1:1: error encoding The source `nothing.md` does not exist: check the path',
      '  Name a Markdown source file (`.md`) that exists and that you may read.',
    ))
    expect(project.files('dist')).toEqual(before)
  })

  it('should say so in one line when `import` is given a folder or a missing file', async () => {
    copies('a')
    expect(await project.run(['import', 'a'])).toEqual({code: 1, stdout: '', stderr: 'error `a` is a folder: name a file\n'})
    expect(await project.run(['import', 'nothing.txt'])).toEqual({code: 1, stdout: '', stderr: 'error cannot read `nothing.txt`: it does not exist; check the path\n'})
  })
})

describe('no project folder', () => {
  const message = `error no zhiban project here: \`${outside}\` and the folders above it have no \`templates/\` folder beside a package.json; run zhiban in the project folder (the one holding templates/, source/ and package.json), or copy zhiban's \`templates/\` into this folder to start a project\n`
  it.each([['build'], ['check'], ['watch'], ['serve'], ['index'], ['build', path.join(outside, 'doc.md')]])('should say what is missing in one line on `%s` run outside a project', async (...args) => {
    writeFileSync(path.join(outside, 'doc.md'), '')
    expect(await project.run(args, {cwd: outside})).toEqual({code: 1, stdout: '', stderr: message})
    expect(readdirSync(outside)).toEqual(['doc.md'])
  })
})

describe('an output path that is a file', () => {
  it('should say the output folder is a file, writing nothing', async () => {
    writeFileSync(path.join(project.root, 'out.txt'), 'x')
    for (const command of ['build', 'watch', 'serve']) {
      expect(await project.run([command, '--out', 'out.txt'])).toEqual({code: 1, stdout: '', stderr: 'error the output folder `out.txt` is a file: give `--out` (or `out` in zhiban.config.json) a folder, or move the file away\n'})
    }
  })

  it('should say a part of the output path is a file in one line', async () => {
    writeFileSync(path.join(project.root, 'out.txt'), 'x')
    expect(await project.run(['build', '--quiet', '--out', 'out.txt/dist'])).toEqual({code: 1, stdout: '', stderr: 'error cannot mkdir `out.txt/dist`: a part of the path is a file, not a folder; move the file away, or choose another folder\n'})
    expect(project.files('dist')).toEqual(before)
  })
})
