/**
 * Exit codes of the real CLI: 0 ok, 1 errors in the input (or in a template/profile), 2 wrong usage.
 */
import {spawnSync} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {bundleCli} from './bundle.ts'
import {readTree, ROOT, scratchRoot, SEED} from './harness.ts'

describe('exit codes', () => {
  let runner = ''
  beforeAll(async () => {
    runner = await bundleCli('robust-cli-exit')
  })
  const zhiban = (args: string[], cwd = ROOT) => spawnSync(process.execPath, [runner, ...args], {cwd, encoding: 'utf8', env: {...process.env, ZHIBAN_CACHE_DIR: path.join(cwd, 'test', 'artifacts', 'cache-cli')}})

  it('should exit 2 on wrong usage', () => {
    expect(zhiban(['build', '--only', 'epub']).status).toBe(2)
    expect(zhiban(['bulid']).status).toBe(2)
    expect(zhiban(['build', '--no-such-option']).status).toBe(2)
  })

  it('should exit 1 and print `path:line:column: error rule-id reason` on a bad source, writing nothing', () => {
    const run = zhiban(['check', 'test/fixtures/frontmatter-kind/input.md'])
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('test/fixtures/frontmatter-kind/input.md:5:7: error frontmatter-invalid Front-matter field `kind` must be one of')
  })

  it('should exit 1 with `templates/x.hbs:LINE:` on a broken template', () => {
    const root = scratchRoot('cli-template', path.join(ROOT, 'test', 'fixtures', 'template-syntax'))
    writeFileSync(path.join(root, 'source', 'doc.md'), SEED)
    const run = zhiban(['build', '--only', 'pdf,docx,html'], root)
    expect(run.status).toBe(1)
    expect(run.stderr).toBe('templates/blocks/related-print.hbs:1:1: error template-invalid not valid Handlebars: each doesn\'t match if\n  Fix the Handlebars template at the line shown.\n')
    expect(readTree(path.join(root, 'dist')).size).toBe(0)
  })

  it('should exit 1 naming the profile key on an impossible profile', () => {
    const run = zhiban(['check', '--profile', 'test/fixtures/profile-margins/profile.yaml', 'test/fixtures/profile-margins/input.md'])
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('test/fixtures/profile-margins/profile.yaml:9:3: error profile-invalid `page.margins`:')
  })

  it.each([
    ['out', '../elsewhere'],
    ['out', '/tmp/zhiban-elsewhere'],
    ['profile', '../../etc/profile.yaml'],
  ])('should refuse a configuration `%s: %s` outside the project (exit 1) but take it from the command line', (key, value) => {
    const root = scratchRoot(`cli-config-${key}`)
    writeFileSync(path.join(root, 'source', 'doc.md'), SEED)
    writeFileSync(path.join(root, 'zhiban.config.json'), JSON.stringify({[key]: value}))
    const run = zhiban(['check'], root)
    expect(run.status).toBe(1)
    expect(run.stderr).toBe(`error zhiban.config.json: ${key}: \`${value}\` leads outside the project: give it on the command line (\`--${key}\`) to use it on purpose\n`)
    if (key === 'out') {
      const out = path.join(tmpdir(), `zhiban-on-purpose-${process.pid}`)
      writeFileSync(path.join(root, 'zhiban.config.json'), '{}')
      expect(zhiban(['build', '--only', 'html', '--quiet', '--out', out], root).status).toBe(0)
      expect([...readTree(out).keys()]).toContain('doc/index.html')
    }
  })

  it('should exit 0 on `check` of the seed and write nothing', () => {
    const root = scratchRoot('cli-check')
    writeFileSync(path.join(root, 'source', 'doc.md'), SEED)
    const run = zhiban(['check'], root)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(readTree(path.join(root, 'dist')).size).toBe(0)
  })

  it('should exit 0 on the seed, and 1 under --frail when a warning is added', () => {
    const root = scratchRoot('cli-frail')
    writeFileSync(path.join(root, 'source', 'doc.md'), SEED)
    expect(zhiban(['build', '--only', 'pdf,docx,html', '--quiet'], root).status).toBe(0)
    writeFileSync(path.join(root, 'source', 'doc.md'), SEED.replace('高度重视质量工作。', '高度重视质量工作,'))
    const warned = zhiban(['build', '--only', 'pdf,docx,html', '--quiet'], root)
    expect(warned.status).toBe(0)
    expect(warned.stderr).toContain('warning halfwidth-punctuation')
    const frail = zhiban(['build', '--only', 'pdf,docx,html', '--quiet', '--frail'], root)
    expect(frail.status).toBe(1)
    expect(frail.stderr).toContain('error halfwidth-punctuation')
  })
})
