/**
 * Nothing lost: a failed build leaves the previous dist/ byte for byte as it was.
 */
import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {build} from '../../scripts/build.ts'
import {READY, readTree, scratchRoot, SEED} from './harness.ts'

describe('a failed build', () => {
  it.each([
    ['broken front matter', SEED.replace('kind: press-qa', 'kind: memo')],
    ['a character no font draws (fails after parsing)', SEED.replace('答：党中央', '答：𠀀党中央')],
    ['a table cell holding more than text', `${SEED}\n| a | b |\n| - | - |\n| **c** | d |\n`],
  ])('should leave dist/ as it was after %s', async (_name, broken) => {
    const root = scratchRoot(`nothing-lost-${_name.replace(/\W+/g, '-')}`)
    const source = path.join(root, 'source', 'doc.md')
    writeFileSync(source, SEED)
    const first = await build({root, cache: false, only: READY})
    expect(first.ok).toBe(true)
    const before = readTree(path.join(root, 'dist'))
    expect([...before.keys()]).toEqual(['doc/doc.booklet-imposed.pdf', 'doc/doc.booklet.pdf', 'doc/doc.docx', 'doc/doc.ofd', 'doc/doc.pdf', 'doc/embed.html', 'doc/index.html', 'doc/manifest.json', 'index.html', 'manifest.json'])
    writeFileSync(source, broken)
    const second = await build({root, cache: false, only: READY})
    expect(second.ok).toBe(false)
    const after = readTree(path.join(root, 'dist'))
    expect([...after.keys()]).toEqual([...before.keys()])
    for (const [name, bytes] of before) expect(after.get(name)?.equals(bytes), name).toBe(true)
  })

  it('should write nothing when only checking (`zhiban check`)', async () => {
    const root = scratchRoot('nothing-lost-check')
    writeFileSync(path.join(root, 'source', 'doc.md'), SEED)
    const result = await build({root, cache: false, only: READY, write: false})
    expect(result.ok).toBe(true)
    expect(readTree(path.join(root, 'dist')).size).toBe(0)
  })
})
