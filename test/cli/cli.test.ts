import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {makeProject} from './project.ts'

const project = makeProject(2)
afterAll(() => project.remove())

describe('zhiban --help (public surface)', () => {
  for (const command of ['', 'build', 'check', 'import', 'watch', 'serve', 'index', 'bench']) {
    it(`should print the help of ${command || 'zhiban'}`, async () => {
      const result = await project.run([...(command ? [command] : []), '--help'])
      expect(result.code).toBe(0)
      await expect(result.stdout).toMatchFileSnapshot(`__snapshots__/help-${command || 'zhiban'}.txt`)
    })
  }

  it('should print the version', async () => {
    expect(await project.run(['--version'])).toEqual({code: 0, stdout: '0.1.0\n', stderr: ''})
  })
})

describe('exit codes', () => {
  it('should exit 0 when every document builds', async () => {
    const result = await project.run(['build', '--quiet'])
    expect({code: result.code, stdout: result.stdout, stderr: result.stderr}).toEqual({code: 0, stdout: '', stderr: ''})
  })

  it('should exit 2 on an unknown command, option, edition or shard', async () => {
    expect((await project.run(['bild'])).code).toBe(2)
    expect((await project.run(['build', '--fast'])).code).toBe(2)
    const edition = await project.run(['build', '--only', 'pdf,epub'])
    expect(edition.code).toBe(2)
    expect(edition.stderr).toContain("unknown edition 'epub'")
    expect((await project.run(['build', '--shard', '3/2'])).code).toBe(2)
    expect((await project.run(['build', '--shard', 'half'])).code).toBe(2)
  })

  it('should exit 1 and name the place when a source is wrong', async () => {
    const bad = path.join(project.root, 'bad.md')
    writeFileSync(bad, '---\ntitle: 标题\nissuer: 某局\ndate: 2022-13-40\nkind: press-qa\n---\n\n正文。\n')
    const result = await project.run(['build', 'bad.md', '--out', 'dist-bad'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^bad\.md:4:\d+: error frontmatter-invalid /m)
    expect(result.stdout).toMatch(/^failed \(1 with errors\): 1 document/m)
    expect((await project.run(['check', 'bad.md'])).code).toBe(1)
  })

  it('should exit 1 when a profile is missing', async () => {
    const result = await project.run(['build', '--profile', 'nosuch'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^templates\/profiles\/nosuch\.yaml:1:1: error profile-invalid .*no profile file/)
  })
})

describe('--json', () => {
  it('should print a machine-readable report', async () => {
    const result = await project.run(['build', '--json', '--out', 'dist-json'])
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout) as Record<string, unknown> & {documents: Record<string, unknown>[]}
    expect(Object.keys(report)).toEqual(['ok', 'out', 'ms', 'written', 'removed', 'threads', 'documents', 'messages'])
    expect(report.ok).toBe(true)
    expect(report.messages).toEqual([])
    expect(report.documents.map((d) => d.slug)).toEqual(['corpus-0001', 'corpus-0002'])
    const doc = report.documents[0]!
    expect(Object.keys(doc)).toEqual(['slug', 'source', 'ok', 'cached', 'ms', 'editionMs', 'outputs'])
    expect(Object.keys(doc.editionMs as object).sort()).toEqual(['booklet', 'docx', 'html', 'ofd', 'pdf'])
    expect((doc.outputs as {edition: string}[]).map((o) => o.edition)).toEqual(['booklet', 'docx', 'html', 'ofd', 'pdf'])
    expect(doc.outputs).toContainEqual({name: 'corpus-0001.pdf', edition: 'pdf', bytes: expect.any(Number), pages: expect.any(Number)})
  })

  it('should put each message in the report', async () => {
    writeFileSync(path.join(project.root, 'bad2.md'), '---\ntitle: 标题\n---\n\n正文。\n')
    const result = await project.run(['check', 'bad2.md', '--json'])
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout) as {ok: boolean; messages: {file: string; line: number; column: number; ruleId: string; fatal: boolean; reason: string}[]}
    expect(report.ok).toBe(false)
    expect(report.messages[0]).toMatchObject({file: 'bad2.md', ruleId: 'frontmatter-invalid', fatal: true})
  })
})
