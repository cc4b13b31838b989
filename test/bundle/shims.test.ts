// The two packages the bundle replaces with Node's zlib (scripts/shims/, scripts/bundle.cjs) give the same bytes:
// every Unicode trie that fontkit, unicode-properties and linebreak inflate when they load, inflated by the shim and by
// tiny-inflate; WOFF2-style brotli streams decoded by the shim and by the brotli package; AES as pdfkit would use it;
// commander's child_process; fontkit's Unicode properties, loaded on first call, answer as the package does.
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {createRequire} from 'node:module'
import {brotliCompressSync, deflateRawSync, constants} from 'node:zlib'
import {describe, expect, it} from 'vitest'
import {ROOT} from '../root.ts'

const require = createRequire(import.meta.url)
type Inflate = (source: Uint8Array, dest?: Uint8Array) => Uint8Array
const shimInflate = require('../../scripts/shims/tiny-inflate.cjs') as Inflate
const shimBrotli = require('../../scripts/shims/brotli-decompress.cjs') as (buffer: Uint8Array, size?: number) => Uint8Array

/** Load the packages fresh with tiny-inflate wrapped, recording what each trie inflates. */
function recordInflates(): {source: Uint8Array; length: number; out: Uint8Array}[] {
  const calls: {source: Uint8Array; length: number; out: Uint8Array}[] = []
  const tinyPath = require.resolve('tiny-inflate')
  const real = require('tiny-inflate') as Inflate
  const saved = {...require.cache}
  for (const key of Object.keys(require.cache)) if (/node_modules[\\/](unicode-trie|unicode-properties|linebreak|fontkit)[\\/]/.test(key)) delete require.cache[key]
  require.cache[tinyPath] = {...require.cache[tinyPath]!, exports: (source: Uint8Array, dest: Uint8Array) => {
    const copy = Uint8Array.from(source)
    const out = real(source, dest)
    calls.push({source: copy, length: dest.length, out: Uint8Array.from(out)})
    return out
  }} as NodeJS.Module
  try {
    require('unicode-properties')
    require('linebreak')
    require('fontkit')
  } finally {
    for (const key of Object.keys(require.cache)) if (!(key in saved)) delete require.cache[key]
    Object.assign(require.cache, saved)
  }
  return calls
}

describe('bundle shims', () => {
  it('inflate every Unicode trie as tiny-inflate does', () => {
    const calls = recordInflates()
    expect(calls.length).toBeGreaterThanOrEqual(4)
    for (const call of calls) expect(Buffer.from(shimInflate(call.source, new Uint8Array(call.length)))).toEqual(Buffer.from(call.out))
  })

  it('inflate raw DEFLATE of every block kind, shorter than dest or exact', () => {
    const real = require('tiny-inflate') as Inflate
    const texts = [Buffer.alloc(0), Buffer.from('zhiban 制版 '.repeat(500)), Buffer.from(Array.from({length: 70_000}, (_, i) => (i * 7919) % 251))]
    for (const text of texts) {
      for (const options of [{level: 0}, {level: 1, strategy: constants.Z_FIXED}, {level: 9}]) {
        const packed = deflateRawSync(text, options)
        for (const extra of [0, 17]) {
          const expected = real(packed, new Uint8Array(text.length + extra))
          const got = shimInflate(packed, new Uint8Array(text.length + extra))
          expect(Buffer.from(got)).toEqual(Buffer.from(expected))
          expect(got.length).toBe(text.length)
        }
      }
    }
  })

  it('decode brotli as the brotli package does', () => {
    const real = require('brotli/decompress.js') as (buffer: Uint8Array, size?: number) => Uint8Array
    for (const text of [Buffer.from('glyf 字形 '.repeat(3000)), Buffer.from(Array.from({length: 50_000}, (_, i) => (i * 31) % 256))]) {
      const packed = brotliCompressSync(text)
      expect(Buffer.from(shimBrotli(packed, text.length))).toEqual(Buffer.from(real(packed, text.length)))
      expect(Buffer.from(shimBrotli(packed))).toEqual(text)
    }
  })

  it('decode named character references as decode-named-character-reference does, for every name', async () => {
    const shim = require('../../scripts/shims/decode-named-character-reference.cjs') as typeof import('decode-named-character-reference')
    const real = await import('decode-named-character-reference')
    const {characterEntities} = await import('character-entities')
    const names = Object.keys(characterEntities)
    expect(names.length).toBeGreaterThan(2000)
    for (const name of [...names, 'notaname', 'AMP', 'amp;', '', '#123', 'constructor', '__proto__', 'toString']) {
      expect(shim.decodeNamedCharacterReference(name), name).toBe(real.decodeNamedCharacterReference(name))
    }
  })

  it('encrypt with pdfkit\'s AES as @noble/ciphers does, loaded on first call', async () => {
    const shim = require('../../scripts/shims/noble-aes.cjs') as typeof import('@noble/ciphers/aes')
    const real = await import('@noble/ciphers/aes')
    const key = Uint8Array.from({length: 32}, (_, i) => i * 7)
    const iv = Uint8Array.from({length: 16}, (_, i) => 255 - i)
    const data = new TextEncoder().encode('制版 zhiban '.repeat(20))
    expect(Buffer.from(shim.cbc(key, iv).encrypt(data))).toEqual(Buffer.from(real.cbc(key, iv).encrypt(data)))
    expect(Buffer.from(shim.ecb(key).encrypt(data))).toEqual(Buffer.from(real.ecb(key).encrypt(data)))
  })

  it('give pdfkit every fontkit function it imports, opening a font as fontkit does', () => {
    const shim = require('../../scripts/shims/fontkit-create.cjs') as Record<string, unknown>
    const pdfkit = readFileSync(path.join(path.dirname(require.resolve('pdfkit')), 'pdfkit.node.mjs'), 'utf8')
    const imported = [...pdfkit.matchAll(/import \{([^}]*)\} from 'fontkit'/g)].flatMap((m) => m[1]!.split(',').map((name) => name.trim()))
    expect(imported).toEqual(['create'])
    for (const name of imported) expect(typeof shim[name], name).toBe('function')
    const font = readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'))
    const opened = (shim.create as (data: Uint8Array) => {postscriptName: string; numGlyphs: number})(font)
    const real = (require('fontkit') as {create(data: Uint8Array): {postscriptName: string; numGlyphs: number}}).create(font)
    expect([opened.postscriptName, opened.numGlyphs]).toEqual([real.postscriptName, real.numGlyphs])
  })

  it('give pdfkit the line breaker it imports, breaking as linebreak does', () => {
    const pdfkit = readFileSync(path.join(path.dirname(require.resolve('pdfkit')), 'pdfkit.node.mjs'), 'utf8')
    expect([...pdfkit.matchAll(/import (\w+) from 'linebreak'/g)].map((m) => m[1])).toEqual(['LineBreaker'])
    type Breaker = {nextBreak(): {position: number; required: boolean} | null}
    const Shim = require('../../scripts/shims/linebreak-lazy.cjs') as new (text: string) => Breaker
    const Real = require('linebreak') as new (text: string) => Breaker
    const breaks = (breaker: Breaker) => {
      const out: [number, boolean][] = []
      for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) out.push([b.position, b.required])
      return out
    }
    const text = '市场监管总局（SAMR）2022-11-10 发布：质量提升行动方案。\nSee https://www.samr.gov.cn/ for more — “引号”、《书名》！'
    expect(breaks(new Shim(text))).toEqual(breaks(new Real(text)))
    expect(breaks(new Shim(text)).length).toBeGreaterThan(10)
  })

  it('give hast-util-to-html and hastscript property-information\'s schemas, the SVG one made on first use', async () => {
    const {shims} = require('../../scripts/bundle.cjs') as {shims: import('esbuild').Plugin}
    const {build} = await import('esbuild')
    const dir = mkdtempSync(path.join(os.tmpdir(), 'zhiban-property-information-'))
    try {
      const entry = path.join(dir, 'entry.mjs')
      // Note: an HTML tree with an inline SVG (its attributes need the SVG schema: viewBox, stroke-width, xlink:href),
      // built with hastscript's h and s, serialized by hast-util-to-html; and whether the SVG schema was made before.
      writeFileSync(entry, `
import {toHtml} from 'hast-util-to-html'
import {h, s} from 'hastscript'
import {find, html, svg} from 'property-information'
const before = Object.keys(html.property).length
const tree = h('div', {className: ['a', 'b'], dataFooBar: 'x', ariaLabel: 'y'}, [h('p', {hidden: true}, '文字'), s('svg', {viewBox: '0 0 10 10', xmlns: 'http://www.w3.org/2000/svg'}, [s('path', {strokeWidth: 2, d: 'M0 0'}), s('use', {xLinkHref: '#z'})])])
console.log(JSON.stringify({before, html: toHtml(tree, {closeEmptyElements: true}), svg: toHtml(s('g', {strokeLinecap: 'round'}), {space: 'svg', closeEmptyElements: true}), found: find(svg, 'viewBox').attribute, space: svg.space}))
`)
      const out = path.join(dir, 'bundled.cjs')
      await build({entryPoints: [entry], outfile: out, bundle: true, format: 'cjs', platform: 'node', absWorkingDir: ROOT, nodePaths: [path.join(ROOT, 'node_modules')], plugins: [shims], logLevel: 'error'})
      expect(readFileSync(out, 'utf8')).toContain('property-information-lazy.mjs')
      const bundled = JSON.parse(spawnSync(process.execPath, [out], {encoding: 'utf8'}).stdout) as Record<string, unknown>
      const {toHtml} = await import('hast-util-to-html')
      const {h, s} = await import('hastscript')
      const {find, html, svg} = await import('property-information')
      const tree = h('div', {className: ['a', 'b'], dataFooBar: 'x', ariaLabel: 'y'}, [h('p', {hidden: true}, '文字'), s('svg', {viewBox: '0 0 10 10', xmlns: 'http://www.w3.org/2000/svg'}, [s('path', {strokeWidth: 2, d: 'M0 0'}), s('use', {xLinkHref: '#z'})])])
      expect(bundled).toEqual({before: Object.keys(html.property).length, html: toHtml(tree, {closeEmptyElements: true}), svg: toHtml(s('g', {strokeLinecap: 'round'}), {space: 'svg', closeEmptyElements: true}), found: find(svg, 'viewBox').attribute, space: svg.space})
      expect(bundled.html).toContain('viewBox="0 0 10 10"')
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })

  it('give fontkit\'s Unicode properties as unicode-properties does, every function fontkit imports', async () => {
    const shim = require('../../scripts/shims/unicode-properties.cjs') as Record<string, (code: number) => unknown>
    const real = require('unicode-properties') as Record<string, (code: number) => unknown>
    const fontkit = readFileSync(require.resolve('fontkit').replace(/main\.cjs$/, 'module.mjs'), 'utf8')
    const imported = [.../import \{([^}]*)\} from "unicode-properties"/.exec(fontkit)![1]!.matchAll(/(\w+) as/g)].map((m) => m[1]!)
    expect(imported.length).toBeGreaterThan(0)
    for (const name of imported) {
      expect(typeof shim[name], name).toBe('function')
      for (let code = 0; code <= 0x10ffff; code += code < 0x3400 ? 1 : 97) expect(shim[name]!(code), `${name}(${code})`).toEqual(real[name]!(code))
    }
  })

  it('give commander every child_process function it calls, spawning as the module does', () => {
    const commander = readFileSync(path.join(path.dirname(require.resolve('commander')), 'lib', 'command.js'), 'utf8')
    expect(new Set([...commander.matchAll(/childProcess\.(\w+)/g)].map((m) => m[1]))).toEqual(new Set(['spawn']))
    const shim = require('../../scripts/shims/child-process.cjs') as typeof import('node:child_process')
    const child = shim.spawn(process.execPath, ['-e', 'process.exit(3)'], {stdio: 'ignore'})
    return new Promise<void>((resolve) => child.on('exit', (code) => {
      expect(code).toBe(3)
      resolve()
    }))
  })
})
