/**
 * Setting the 公文's short texts (masthead, signature, imprint) with the layout engine's own paragraph setter, so
 * they are shaped, spaced and measured exactly as the body is (scripts/typeset/GONGWEN.md). Every length here is in
 * points; x is from the left edge of the type area.
 */
import type {VFile} from 'vfile'
import type {Profile, RoleName} from '../profile.ts'
import {PT_PER_MM} from '../profile.ts'
import {say} from '../diagnostics/message.ts'
import type {LoadedFont} from './fonts.ts'
import type {GlyphRun, Ink, Line, Role} from './page-model.ts'
import {layoutParagraph} from './paragraph.ts'
import type {PresetLine} from './flow.ts'
import {draws} from './draws.ts'

/** What the setters need: the profile, its fonts, the file to report on. */
export interface TextContext {
  profile: Profile
  fonts: ReadonlyMap<string, LoadedFont>
  file?: VFile | undefined
}

/** How a text is set: the font key, the size, the grid cell (body-sized text on the grid) and the ink. */
export interface Style {
  font: string
  sizePt: number
  cellPt?: number | undefined
  ink?: Ink
}

/**
 * The scale of the standard's millimetres on this profile: 1 on the official A4 page (a 156 mm type area); the
 * booklet's smaller type area takes every figure at its own scale.
 * @param profile the profile
 */
export function scaleOf(profile: Profile): number {
  return profile.geometry.measurePt / (156 * PT_PER_MM)
}

/** Millimetres at the profile's scale, in points. */
export function mm(profile: Profile, value: number): number {
  return value * PT_PER_MM * scaleOf(profile)
}

/**
 * The style of a profile role at its own size, on the grid when it has the body's size.
 * @param profile the profile
 * @param role the role
 * @param ink an ink
 */
export function roleStyle(profile: Profile, role: RoleName, ink?: Ink): Style {
  const r = profile.roles[role]
  const g = profile.geometry
  return {font: r.font, sizePt: r.size, cellPt: g.cellPt !== undefined && r.size === profile.roles.body.size ? g.cellPt : undefined, ...(ink ? {ink} : {})}
}

/** One em of a style: its grid cell, or its size. */
export function emOf(style: Style): number {
  return style.cellPt ?? style.sizePt
}

function check(text: string, style: Style, ctx: TextContext): void {
  const loaded = ctx.fonts.get(style.font)
  if (!loaded || !ctx.file) return
  for (const ch of text) {
    const cp = ch.codePointAt(0)!
    // Note: draws.ts's test, as every missing-glyph check (answers kept per font, from its recorded cmap if any).
    if (!draws(loaded, ch)) {
      say(ctx.file, 'missing-glyph', `The font \`${loaded.family}\` (profile \`${ctx.profile.name}\`) of the 公文's front matter cannot draw "${ch}" (U+${cp.toString(16).toUpperCase().padStart(4, '0')}): change the character or add a covering font`, {place: {line: 1, column: 1}, actual: ch})
    }
  }
}

/**
 * Set text into lines of at most `measurePt` (first line indented), solid (not justified) unless asked.
 * @param text the text
 * @param style font, size, cell, ink
 * @param measurePt the width lines may take
 * @param ctx profile, fonts, file
 * @param options first-line indent, justification
 */
export function setLines(text: string, style: Style, measurePt: number, ctx: TextContext, options: {firstIndentPt?: number; justify?: boolean} = {}): PresetLine[] {
  const loaded = ctx.fonts.get(style.font)
  if (!loaded) throw new Error(`gongwen: font \`${style.font}\` is not loaded`)
  check(text, style, ctx)
  const lines = layoutParagraph({text, offsets: [...text].flatMap((c) => (c.length === 2 ? [undefined, undefined] : [undefined])), links: [...text].flatMap((c) => (c.length === 2 ? [undefined, undefined] : [undefined]))}, {
    fontKey: style.font, font: loaded.font, sizePt: style.sizePt, cellPt: style.cellPt, xPt: 0, measurePt, firstIndentPt: options.firstIndentPt ?? 0,
    cjkLatinSpacePt: ctx.profile.typesetting.cjkLatinSpace === 'quarter' ? emOf(style) / 4 : 0,
    lineStartOpening: ctx.profile.typesetting.lineStartOpening, justify: options.justify ?? false,
    maxLoosenessEm: ctx.profile.typesetting.maxLooseness, rangeBreakPenalty: ctx.profile.typesetting.rangeBreakPenalty,
  })
  return lines.map((line) => ({runs: style.ink ? line.runs.map((run) => ({...run, ink: style.ink!})) : line.runs, widthPt: line.widthPt, last: line.last, sizePt: style.sizePt}))
}

/**
 * Set text on one line, whatever its length (the caller chose a size that fits).
 * @param text the text
 * @param style font, size, cell, ink
 * @param ctx profile, fonts, file
 */
export function setOne(text: string, style: Style, ctx: TextContext): PresetLine {
  const [line] = setLines(text, style, 1e6, ctx)
  return line ?? {runs: [], widthPt: 0, last: true, sizePt: style.sizePt}
}

/**
 * Runs moved right by `dx`.
 * @param runs the runs
 * @param dx points
 */
export function shift(runs: readonly GlyphRun[], dx: number): GlyphRun[] {
  return runs.map((run) => ({...run, xPt: run.xPt + dx}))
}

/**
 * A preset line from pieces placed side by side on it (e.g. `签发人：` in 仿宋 and the names in 楷体).
 * @param pieces lines set at x = 0 and the x each starts at
 * @param sizePt the line's size (for its baseline)
 */
export function join(pieces: readonly {line: PresetLine; xPt: number}[], sizePt: number): PresetLine {
  const runs = pieces.flatMap((p) => shift(p.line.runs, p.xPt))
  const end = Math.max(0, ...pieces.map((p) => p.xPt + p.line.widthPt))
  return {runs, widthPt: end, last: true, sizePt}
}

/** An empty grid line (kept by flow, removed from the page once the pages are final). */
export function blankLine(sizePt: number): PresetLine {
  return {runs: [], widthPt: 0, last: true, sizePt}
}

/**
 * A placed line at an absolute position (the masthead, the imprint): its box top, its baseline and its runs.
 * @param role the role
 * @param runs runs at their final x
 * @param topPt the line box's top
 * @param baselinePt the baseline
 * @param leftPt the type area's left edge
 * @param measurePt the type area's width
 */
export function placed(role: Role, runs: GlyphRun[], topPt: number, baselinePt: number, leftPt: number, measurePt: number): Line {
  return {kind: 'line', role, block: -1, yPt: topPt, baselinePt, xPt: leftPt, measurePt, last: true, runs}
}

/**
 * The baseline of a line of `sizePt` in a grid line starting at `topPt`: the em box centred in the line, 0.88 em of
 * it above the baseline (as flow.ts places body lines).
 */
export function baselineIn(topPt: number, pitchPt: number, sizePt: number): number {
  return topPt + (pitchPt - sizePt) / 2 + 0.88 * sizePt
}
