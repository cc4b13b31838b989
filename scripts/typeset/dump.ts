/**
 * The page model as readable text: the snapshot of the print editions (RULES.md §9).
 */
import type {CellPlace, PageModel, Turn} from './page-model.ts'

const r = (n: number): string => (Math.round(n * 100) / 100).toFixed(2)
const turned = (turn: Turn | undefined): string => (turn ? ` [turned ${r(turn.xPt)},${r(turn.yPt)}]` : '')
const cell = (place: CellPlace | undefined): string => (place ? ` [${place.row < 0 ? 'head' : `row ${place.row + 1}`} col ${place.col + 1}${place.repeat ? ' repeated' : ''}]` : '')

/**
 * One block per page, one line per placed line: page, y, x, role, font, size, text
 * (and where the line's ink run ends, to read justification).
 * @param model the page model
 */
export function dump(model: PageModel): string {
  const out: string[] = [`profile ${model.profile}, ${model.pages.length} page(s)`]
  for (const page of model.pages) {
    out.push('', `page ${page.index}${page.label ? ` (number ${page.label})` : ''} ${r(page.widthPt)}×${r(page.heightPt)}`)
    for (const item of page.items) {
      if (item.kind === 'rule') {
        // Note: a 公文's inked rules (red) say so, with their width.
        out.push(`  rule ${r(item.x1Pt)},${r(item.y1Pt)} → ${r(item.x2Pt)},${r(item.y2Pt)}${item.ink ? ` ${item.ink} w=${r(item.widthPt)}` : ''}${item.table ? ` table ${r(item.widthPt)}` : ''}${turned(item.turned)}`)
        continue
      }
      const fonts = [...new Set(item.runs.map((run) => run.font))].join('+')
      const sizes = [...new Set(item.runs.map((run) => r(run.sizePt)))].join('+')
      const lastRun = item.runs[item.runs.length - 1]
      const end = lastRun ? lastRun.xPt + lastRun.widthPt : item.xPt
      const ink = item.runs.some((run) => run.ink) ? ` ${item.runs.find((run) => run.ink)!.ink}` : ''
      out.push(`  ${page.index} y=${r(item.yPt)} x=${r(item.runs[0]?.xPt ?? item.xPt)} end=${r(end)} ${item.role}${ink} ${fonts} ${sizes} ${item.runs.map((run) => run.text).join('')}${cell(item.cell)}${turned(item.turned)}`)
    }
  }
  if (model.outline.length > 0) {
    out.push('', 'outline')
    for (const entry of model.outline) out.push(`  ${'  '.repeat(entry.level - 1)}${entry.title} → page ${entry.page + 1} y=${r(entry.yPt)} x=${r(entry.xPt)}`)
  }
  return `${out.join('\n')}\n`
}
