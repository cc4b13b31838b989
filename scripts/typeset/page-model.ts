/**
 * What layout hands to the writers (RULES.md §9): pages of placed lines of glyph runs.
 * The PDF writer draws this and decides nothing; `dump.ts` prints it for snapshots.
 *
 * All lengths are points (1/72 in) from the page's top-left corner, y growing downwards.
 */

/** Points. */
export type Pt = number

/** Structure role of a placed line (for tagging and for the dump). */
export type Role = 'title' | 'h1' | 'h2' | 'h3' | 'h4' | 'p' | 'related' | 'footer' | 'cover' | 'colophon' | TableRole | GongwenRole

/** Roles of a table's lines: its caption, header cells, body cells. */
export type TableRole = 'caption' | 'th' | 'td'

/**
 * Items of a table set across a landscape page (GB/T 9704 §8) are placed in a frame turned a quarter turn
 * counter-clockwise, the table's head toward the page's left edge: frame point (x, y) is page point
 * (`xPt` + y, `yPt` − x).
 */
export interface Turn {
  xPt: Pt
  yPt: Pt
}

/** Where a table's line sits: header row (row −1) or body row, column; `repeat` marks a header repeated on a later page. */
export interface CellPlace {
  row: number
  col: number
  /** The table's number of columns (a tagged PDF gives an empty cell its element too). */
  columns: number
  repeat?: boolean
}

/** The roles of a 公文's own parts (typeset/gongwen.ts, scripts/typeset/GONGWEN.md). */
export type GongwenRole = 'masthead' | 'recipients' | 'attachment-note' | 'signature' | 'note' | 'attendance' | 'attachment-label' | 'imprint'

/** An ink other than black: `red` is the 公文's red (GB/T 9704 §5.2), the profile's `gongwen.red`. */
export type Ink = 'red'

/** One glyph as layout shaped it, in font units. */
export interface Glyph {
  /** Glyph id in the font. */
  id: number
  /** The characters the glyph stands for (the PDF's ToUnicode). */
  codePoints: number[]
  /** Positioned advance (GPOS included). */
  advance: number
  /** Nominal advance (hmtx): the width the PDF font's `W` array gives the glyph. */
  width: number
  /** GPOS placement offsets, when not zero. */
  dx?: number
  dy?: number
}

/** A run of glyphs drawn with one font, size and uniform inter-character spacing. */
export interface GlyphRun {
  /** The profile's font key (`body`, `title`, …). */
  font: string
  sizePt: Pt
  /** x of the run's first glyph origin. */
  xPt: Pt
  /** The exact source characters this run draws (what copy and paste must return). */
  text: string
  /** Extra space after every character of the run (PDF `Tc`). */
  characterSpacingPt: Pt
  /** The OpenType features the run was shaped with (e.g. `fwid` for a dash run); the font's defaults when absent. */
  features?: string[]
  /**
   * The glyphs, as layout shaped them: the writer draws these and never shapes the text again, so what was
   * measured is what is drawn. Glyph i sits at `xPt` + the advances before it + i × `characterSpacingPt`.
   */
  glyphs: readonly Glyph[]
  /** Total advance of the run including spacing. */
  widthPt: Pt
  /** Offsets [start, end) of the characters in the source file, when they come from it. */
  source?: {start: number; end: number}
  /** A link target the run belongs to. */
  link?: string
  /** Drawn in this ink (black when absent). */
  ink?: Ink
}

/** One placed line. */
export interface Line {
  kind: 'line'
  role: Role
  /** Index of the model block the line belongs to (-1 for lines made by layout, e.g. page numbers). */
  block: number
  /** Top of the line box. */
  yPt: Pt
  /** Baseline. */
  baselinePt: Pt
  /** Left edge of the line's measure. */
  xPt: Pt
  /** Width the line is set to (the measure for justified lines). */
  measurePt: Pt
  /** Whether this is its block's last line (set solid, flush left). */
  last: boolean
  runs: GlyphRun[]
  /** A table's line: which cell (absent for the caption and for lines outside tables). */
  cell?: CellPlace
  /** Placed in a turned frame (a landscape table). */
  turned?: Turn
}

/** A straight rule (e.g. a crop mark). */
export interface Rule {
  kind: 'rule'
  x1Pt: Pt
  y1Pt: Pt
  x2Pt: Pt
  y2Pt: Pt
  widthPt: Pt
  /** Drawn in this ink (black when absent). */
  ink?: Ink
  /** A rule of a table (drawn as an artifact in the tagged PDF). */
  table?: true
  /** Placed in a turned frame (a landscape table). */
  turned?: Turn
}

/** Something placed on a page. */
export type Item = Line | Rule

/** A PDF page box, in points from the top-left of the MediaBox. */
export interface Box {
  xPt: Pt
  yPt: Pt
  widthPt: Pt
  heightPt: Pt
}

/** One page. */
export interface Page {
  /** 1-based position in the file. */
  index: number
  /** The printed page number, when the page carries one. */
  label?: string
  widthPt: Pt
  heightPt: Pt
  /** TrimBox and BleedBox when the page has bleed. */
  trim?: Box
  bleed?: Box
  /** Layout added the page (a blank page, or one holding only the 公文's 版记): it carries no page number. */
  unnumbered?: boolean
  items: Item[]
}

/** An entry of the PDF outline (bookmarks). */
export interface OutlineEntry {
  title: string
  level: number
  /** 0-based page index. */
  page: number
  yPt: Pt
  xPt: Pt
}

/** The laid-out document. */
export interface PageModel {
  /** The profile's name. */
  profile: string
  pages: Page[]
  outline: OutlineEntry[]
  /** The inks runs and rules name, from the profile (`gongwen.red`): CMYK in percent for print. */
  inks?: Record<Ink, {cmyk: readonly [number, number, number, number]}>
}

/** What the Word edition takes from the official layout of a 公文 (Word lays out the text itself, but not these). */
export interface GongwenWordLayout {
  /** The mark's size (pt): the profile's, or smaller so that it fits one line. */
  markSizePt: number
  /** The signature block: empty grid lines before it, each name line's names with their x, the date's x (pt). */
  signature: {emptyLines: number; names: {text: string; xPt: number}[][]; dateXPt: number}
}
