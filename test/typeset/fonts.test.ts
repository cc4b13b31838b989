import * as fontkit from 'fontkit'
import {describe, expect, it} from 'vitest'
import {font} from './lines.ts'

type Tables = {_tables: Record<string, {offsets?: ArrayLike<number>; [key: string]: unknown}>}

describe('FontCache', () => {
  it('should prime loca and post with what fontkit itself decodes (bar the glyph names)', async () => {
    for (const key of ['body', 'title', 'heading1', 'heading2']) {
      const loaded = await font(key)
      const primed = (loaded.font as unknown as Tables)._tables
      expect(primed.loca, key).toBeDefined()
      // Note: a fresh fontkit font on the same bytes decodes the tables its own way.
      const own = fontkit.create(loaded.bytes) as unknown as fontkit.Font & Record<string, {offsets?: ArrayLike<number>; [key: string]: unknown}>
      expect(Array.from(primed.loca!.offsets!), key).toEqual(Array.from(own.loca!.offsets!))
      for (const field of ['italicAngle', 'underlinePosition', 'underlineThickness', 'isFixedPitch']) expect(primed.post![field], `${key} post.${field}`).toBe(own.post![field])
      expect(loaded.font.italicAngle).toBe(own.italicAngle)
    }
  })
})
