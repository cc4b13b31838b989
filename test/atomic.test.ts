import {mkdtempSync, readdirSync, readFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {tempName, writeFileAtomic} from '../scripts/atomic.ts'

describe('writeFileAtomic', () => {
  it('should write the whole file under its name, leave no temporary file, and give each call its own temporary name', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'zhiban-atomic-'))
    const file = path.join(dir, 'a', 'b.json')
    writeFileAtomic(file, '{"x":1}')
    writeFileAtomic(file, '{"x":2}')
    expect(readFileSync(file, 'utf8')).toBe('{"x":2}')
    expect(readdirSync(path.dirname(file))).toEqual(['b.json'])
    // Note: worker threads share a pid; two writers of one file at once must not share a temporary name.
    expect(new Set(Array.from({length: 100}, () => tempName(file))).size).toBe(100)
  })
})
