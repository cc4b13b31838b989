import {existsSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {resolveBuildOptions} from '../../scripts/cli.ts'
import {loadConfig} from '../../scripts/config.ts'
import {makeProject} from './project.ts'

const project = makeProject(1)
afterAll(() => project.remove())
const config = (data: unknown) => writeFileSync(path.join(project.root, 'zhiban.config.json'), JSON.stringify(data))
const io = (env: Record<string, string> = {}) => ({stdout: {write: () => true}, stderr: {write: () => true}, env, cwd: project.root})

describe('the configuration file', () => {
  it('should take the output folder from zhiban.config.json, and --out over it', async () => {
    config({out: 'public'})
    expect((await project.run(['build', '-q'])).code).toBe(0)
    expect(existsSync(path.join(project.root, 'public', 'corpus-0001', 'manifest.json'))).toBe(true)
    expect((await project.run(['build', '-q', '--out', 'elsewhere'])).code).toBe(0)
    expect(existsSync(path.join(project.root, 'elsewhere', 'corpus-0001', 'manifest.json'))).toBe(true)
  })

  it('should read the `zhiban` key of package.json when there is no zhiban.config.json', async () => {
    const pkg = path.join(project.root, 'package.json')
    const saved = readFileSync(pkg, 'utf8')
    rmSync(path.join(project.root, 'zhiban.config.json'))
    writeFileSync(pkg, JSON.stringify({...JSON.parse(saved), zhiban: {only: ['pdf'], profile: 'official'}}))
    expect(await loadConfig(project.root)).toEqual({only: ['pdf'], profile: 'official', file: 'package.json#zhiban'})
    writeFileSync(pkg, saved)
  })

  it('should rank flag over environment over configuration over default', async () => {
    config({fontDir: 'fonts-config', profile: 'official', out: 'from-config', baseUrl: 'https://example.gov.cn/docs/'})
    const loaded = await loadConfig(project.root)
    const fromConfig = resolveBuildOptions(project.root, loaded, io(), [], {})
    expect(fromConfig).toMatchObject({fontDir: path.join(project.root, 'fonts-config'), out: path.join(project.root, 'from-config'), profile: 'official', baseUrl: 'https://example.gov.cn/docs/'})
    const fromEnv = resolveBuildOptions(project.root, loaded, io({ZHIBAN_FONT_DIR: '/opt/fonts'}), [], {})
    expect(fromEnv.fontDir).toBe('/opt/fonts')
    const fromFlag = resolveBuildOptions(project.root, loaded, io(), [], {out: 'flag-out', profile: 'other.yaml'})
    expect(fromFlag).toMatchObject({out: path.join(project.root, 'flag-out'), profile: 'other.yaml'})
    expect(resolveBuildOptions(project.root, {}, io(), [], {})).toMatchObject({out: path.join(project.root, 'dist'), profile: 'official', fontDir: undefined})
  })

  it('should name the key of an invalid setting and exit 1', async () => {
    config({serve: {port: 'eighty'}})
    const port = await project.run(['build'])
    expect(port.code).toBe(1)
    expect(port.stderr).toMatch(/^error zhiban\.config\.json: serve\.port: /)
    config({outDir: 'x'})
    const unknown = await project.run(['build'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/^error zhiban\.config\.json: outDir: /)
    config({baseUrl: 'https://example.gov.cn/docs'})
    expect((await project.run(['build'])).stderr).toMatch(/^error zhiban\.config\.json: baseUrl: must end with `\/`/)
    writeFileSync(path.join(project.root, 'zhiban.config.json'), '{oops')
    expect((await project.run(['build'])).stderr).toMatch(/^error zhiban\.config\.json: \(json\): /)
  })

  it('should take the booklet profile from --booklet-profile or config `bookletProfile`, and rebuild the booklet when it changes', async () => {
    const real = makeProject(1, {real: true})
    const mm = 72 / 25.4
    const width = () => {
      const manifest = JSON.parse(readFileSync(path.join(real.root, 'dist', 'corpus-0001', 'manifest.json'), 'utf8')) as {files: {name: string}[]}
      const booklet = manifest.files.find((f) => f.name.endsWith('.booklet.pdf'))!.name
      const text = readFileSync(path.join(real.root, 'dist', 'corpus-0001', booklet)).toString('latin1')
      const box = /\/TrimBox \[([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)\]/.exec(text)!
      return Math.round((Number(box[3]) - Number(box[1])) / mm)
    }
    try {
      expect((await real.run(['build', '-q', '--only', 'booklet'])).code).toBe(0)
      expect(width()).toBe(148)
      expect((await real.run(['build', '-q', '--only', 'booklet', '--booklet-profile', 'booklet-16k'])).code).toBe(0)
      expect(width()).toBe(185)
      writeFileSync(path.join(real.root, 'zhiban.config.json'), JSON.stringify({bookletProfile: 'booklet-big32k'}))
      expect((await real.run(['build', '-q', '--only', 'booklet'])).code).toBe(0)
      expect(width()).toBe(140)
      const loaded = await loadConfig(real.root)
      expect(resolveBuildOptions(real.root, loaded, io(), [], {bookletProfile: 'booklet'}).bookletProfile).toBe('booklet')
      expect(resolveBuildOptions(real.root, {}, io(), [], {}).bookletProfile).toBe('booklet')
    } finally {
      real.remove()
    }
  })
})
