/**
 * A number stays with its unit or measure word (RULES.md §3: `10月`, `2021年`, `1,286项`, `15%`): no line
 * breaks between a number and the Chinese unit, measure word (量词) or magnitude (`万`, `亿`, `余`) after it.
 * `15%` and `5G` are one unit already (units.ts); this module binds a number to the Han characters that count it.
 *
 * The lists (classes.ts: MAGNITUDES, UNIT_CHARS, UNIT_WORDS) follow the units of GB 3100/3102 (法定计量单位) and
 * the measure words official documents use with Arabic numerals (GB/T 15835-2011 §4: 数字用法); a Han character not
 * listed (`提高到9.6%以上`) may start the next line as any Han character may.
 */
import {MAGNITUDES, UNIT_CHARS, UNIT_WORDS} from './classes.ts'

/** What this module reads and sets of a layout unit (units.ts `Unit`, which imports this module). */
interface Unit {
  kind: string
  text: string
  glue?: boolean
}

const isNumber = (unit: Readonly<Unit>): boolean => unit.kind === 'latin' && /\d[%‰℃°]*$/u.test(unit.text)

/**
 * Mark `glue` (no break after) on every number that a unit or measure word follows, and on the magnitudes between.
 * @param units a block's units (changed in place)
 */
export function bindNumbers(units: Unit[]): void {
  for (let k = 0; k < units.length - 1; k++) {
    if (units[k + 1]!.kind !== 'han' || !isNumber(units[k]!)) continue
    const end = unitEnd(units, k + 1)
    for (let j = k; j < end; j++) units[j]!.glue = true
  }
}

// Note: the index of the last unit of the unit phrase that starts at `from` (magnitudes, then a unit word or
// character), or `from - 1` when none starts there; only Han units of one character each take part.
function unitEnd(units: readonly Unit[], from: number): number {
  const han = (j: number): string | undefined => (units[j]?.kind === 'han' ? units[j]!.text : undefined)
  let j = from
  while (han(j) !== undefined && MAGNITUDES.has(han(j)!)) j++
  for (const chars of UNIT_WORDS) if (chars.every((ch, i) => han(j + i) === ch)) return j + chars.length - 1
  if (han(j) !== undefined && UNIT_CHARS.has(han(j)!)) return j
  return j - 1
}
