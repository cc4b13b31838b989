import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {FileHashes} from '../scripts/file-hashes.ts'

describe('FileHashes', () => {
  it('should drop the record of files that are gone when it writes, and keep the rest', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'zhiban-hashes-'))
    try {
      const record = path.join(dir, 'files.json')
      const [kept, gone, added] = ['kept.txt', 'gone.txt', 'added.txt'].map((name) => path.join(dir, name))
      writeFileSync(kept!, 'kept')
      writeFileSync(gone!, 'gone')
      const first = new FileHashes(record)
      first.hash(kept!)
      first.hash(gone!)
      first.derived(gone!, () => 'from gone')
      first.save()
      expect(Object.keys(JSON.parse(readFileSync(record, 'utf8')))).toEqual([kept, gone, `derived:${gone}`])
      rmSync(gone!)
      writeFileSync(added!, 'added')
      const second = new FileHashes(record)
      second.hash(added!)
      second.save()
      expect(Object.keys(JSON.parse(readFileSync(record, 'utf8')))).toEqual([kept, added])
      // Note: the kept file's hash is read from the record, not made again.
      expect(new FileHashes(record).hash(kept!)).toBe(first.hash(kept!))
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })
})
