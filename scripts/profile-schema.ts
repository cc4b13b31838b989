/**
 * The profile schema and its validation (zod), and the YAML parser: loaded by profile.ts only when a profile is not
 * in the profile cache (profile-cache.ts), so that a new process building from cached profiles loads neither.
 */
import {parse as parseYaml} from 'yaml'
import * as z from 'zod/v4'
import {MAX_RANGE_BREAK_PENALTY, PAGE_SIZES, PT_PER_MM, ProfileError, mergeChain, readChain, type PageSizeName} from './profile-chain.ts'

export {parseYaml}

const fontSpec = z.strictObject({
  family: z.string().min(1),
  alternates: z.array(z.string()).default([]),
  /** Further names only a web reader's system has (the HTML stacks name them after the alternates; DOCX and the font lookup do not). */
  web: z.array(z.string()).default([]),
  file: z.string().min(1),
})

const role = z.strictObject({
  font: z.string().min(1),
  size: z.number().positive(),
  align: z.enum(['start', 'center']).default('start'),
  firstLineIndent: z.number().min(0).default(0),
  bold: z.boolean().default(false),
})

const PAGE_SIZE_NAMES = Object.keys(PAGE_SIZES) as [PageSizeName, ...PageSizeName[]]

const bookletSection = z.strictObject({
  colophon: z.boolean().default(false),
  cover: z.strictObject({title: role, text: role}),
  colophonRole: role,
})

/** The profile schema (see templates/profiles/official.yaml and booklet.yaml for every key). */
export const PROFILE_SCHEMA = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/),
  description: z.string().default(''),
  page: z.strictObject({
    /** A named trim size; `width` and `height` default to it and must agree with it when given. */
    size: z.enum(PAGE_SIZE_NAMES).optional(),
    width: z.number().positive().optional(),
    height: z.number().positive().optional(),
    margins: z.strictObject({top: z.number().min(0), bottom: z.number().min(0), inner: z.number().min(0), outer: z.number().min(0)}),
    mirror: z.boolean().default(false),
    bleed: z.number().min(0).default(0),
    cropMarks: z.boolean().default(false),
  }),
  grid: z.strictObject({charsPerLine: z.number().int().positive().optional(), linesPerPage: z.number().int().positive()}),
  fonts: z.record(z.string(), fontSpec),
  roles: z.strictObject({
    title: role,
    body: role,
    heading1: role,
    heading2: role,
    heading3: role,
    heading4: role,
    related: role,
  }),
  pageNumber: z.strictObject({
    format: z.string().includes('{n}'),
    font: z.string(),
    size: z.number().positive(),
    below: z.number(),
    placement: z.enum(['outer', 'center', 'right']).default('outer'),
    insetChars: z.number().min(0).default(1),
    startAt: z.number().int().min(1).default(1),
  }),
  html: z
    .strictObject({
      // none: the reader's own fonts only; subset: also a WOFF2 of the body font holding only the
      // document's characters, written next to index.html (write/html/webfont.ts).
      webfont: z.enum(['none', 'subset']).default('none'),
    })
    .default({webfont: 'none'}),
  /** Booklet edition only: cover, colophon and their roles. */
  booklet: bookletSection.optional(),
  typesetting: z.strictObject({
    cjkLatinSpace: z.enum(['quarter', 'none']).default('quarter'),
    hangingPunctuation: z.boolean().default(false),
    lineStartOpening: z.enum(['full', 'half']).default('full'),
    minLinesAtBreak: z.number().int().min(0).default(0),
    maxLooseness: z.number().positive().max(1).default(0.12),
    // Note: capped so that a paragraph's penalties stay far below a loose line's cost (total-fit.ts LOOSE, 1e7): the
    // breaker's first pass, lines within the limit only, is then the least-cost breaking whenever it finds one.
    rangeBreakPenalty: z
      .number()
      .min(0, {error: `must be from 0 to ${MAX_RANGE_BREAK_PENALTY}`})
      .max(MAX_RANGE_BREAK_PENALTY, {error: `must be from 0 to ${MAX_RANGE_BREAK_PENALTY}: a larger penalty would outweigh a line looser than the limit`})
      .default(10000),
  }),
  /** The 公文's red and its masthead mark (scripts/typeset/GONGWEN.md §5.2, §7.2.4). */
  gongwen: z
    .strictObject({
      red: z.strictObject({
        // Note: CMYK in percent; GB/T 9704 §5.2 asks at least M 80 % and Y 80 % of the printing ink.
        cmyk: z.tuple([z.number().min(0).max(100), z.number().min(80).max(100), z.number().min(80).max(100), z.number().min(0).max(100)]),
        rgb: z.string().regex(/^#[0-9a-f]{6}$/i),
      }),
      /** The largest size of the 发文机关标志 (pt, at the official scale): smaller when the names would not fit. */
      markSize: z.number().positive().max(72),
    })
    .default({red: {cmyk: [0, 100, 100, 0], rgb: '#e60012'}, markSize: 36}),
  /** Tables (typeset/table.ts): the rules drawn. */
  table: z
    .strictObject({
      rules: z.enum(['frame', 'three-line']).default('frame'),
      ruleWidth: z.number().positive().default(0.5),
      heavyRuleWidth: z.number().positive().default(1),
    })
    .default({rules: 'frame', ruleWidth: 0.5, heavyRuleWidth: 1}),
  docx: z
    .strictObject({
      grid: z.enum(['linesAndChars', 'lines']).default('lines'),
      embedFonts: z.union([z.literal(false), z.literal('subset')]).default(false),
      latinFont: z.string().min(1).default('Times New Roman'),
      leadIn: z.strictObject({font: z.string().min(1).optional(), bold: z.boolean().default(false)}).default({bold: false}),
    })
    .default({grid: 'lines', embedFonts: false, latinFont: 'Times New Roman', leadIn: {bold: false}}),
})

/** The profile data as the schema gives it (before the page size is resolved). */
export type ParsedProfile = z.infer<typeof PROFILE_SCHEMA>

/** A validated profile, with the page's width and height resolved (from `page.size` when not given). */
export type ProfileData = Omit<ParsedProfile, 'page'> & {page: ParsedProfile['page'] & {width: number; height: number}}
/** A role name of the profile. */
export type RoleName = keyof ProfileData['roles']

/** Geometry derived from a profile, in points. */
export interface Geometry {
  pageWidthPt: number
  pageHeightPt: number
  topPt: number
  bottomPt: number
  innerPt: number
  outerPt: number
  /** Width of the type area (版心). */
  measurePt: number
  /** Height of the type area. */
  areaHeightPt: number
  /** Line pitch: area height / lines per page. */
  linePitchPt: number
  /** Character cell on the grid (measure / chars per line), or undefined without a grid. */
  cellPt: number | undefined
}

/** A loaded profile: its data, where it came from, and its geometry. */
export interface Profile extends ProfileData {
  /** Absolute path of the profile file (font paths are relative to its folder). */
  file: string
  geometry: Geometry
}

/**
 * A profile's data with what it extends merged in, before validation (`extends` removed).
 * @param file the profile file
 * @param root the project root
 */
export function profileData(file: string, root: string): Record<string, unknown> {
  return mergeChain(readChain(file, root, parseYaml)!).data
}

/**
 * Validate profile data and derive its geometry.
 * @param raw parsed YAML/JSON
 * @param file where it came from (for messages and relative font paths)
 * @throws ProfileError naming the key
 */
export function validateProfile(raw: unknown, file: string): Profile {
  const parsed = PROFILE_SCHEMA.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const key = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]].join('.') : issue.path.join('.')
    throw new ProfileError(file, key || '(profile)', issue.code === 'unrecognized_keys' ? 'unknown key: remove it or fix the spelling' : issue.message)
  }
  const data = resolvePageSize(parsed.data, file)
  for (const [name, r] of Object.entries(data.roles)) {
    if (!(r.font in data.fonts)) throw new ProfileError(file, `roles.${name}.font`, `names font \`${r.font}\`, which is not under \`fonts\``)
  }
  if (data.docx.leadIn.font !== undefined && !(data.docx.leadIn.font in data.fonts)) throw new ProfileError(file, 'docx.leadIn.font', `names font \`${data.docx.leadIn.font}\`, which is not under \`fonts\``)
  if (!(data.pageNumber.font in data.fonts)) throw new ProfileError(file, 'pageNumber.font', `names font \`${data.pageNumber.font}\`, which is not under \`fonts\``)
  if (data.booklet) {
    const roles = {'cover.title': data.booklet.cover.title, 'cover.text': data.booklet.cover.text, colophonRole: data.booklet.colophonRole}
    for (const [name, r] of Object.entries(roles)) {
      if (!(r.font in data.fonts)) throw new ProfileError(file, `booklet.${name}.font`, `names font \`${r.font}\`, which is not under \`fonts\``)
    }
  }
  const geometry = deriveGeometry(data, file)
  return {...data, file, geometry}
}

function resolvePageSize(data: ParsedProfile, file: string): ProfileData {
  const named = data.page.size ? PAGE_SIZES[data.page.size] : undefined
  const width = data.page.width ?? named?.width
  const height = data.page.height ?? named?.height
  if (width === undefined || height === undefined) throw new ProfileError(file, 'page.size', `give \`page.size\` (${PAGE_SIZE_NAMES.join(' | ')}) or both \`page.width\` and \`page.height\``)
  if (named && (width !== named.width || height !== named.height)) throw new ProfileError(file, 'page.size', `\`${data.page.size}\` is ${named.width} × ${named.height} mm, but \`page.width\` × \`page.height\` say ${width} × ${height}: drop one of them`)
  return {...data, page: {...data.page, width, height}}
}

function deriveGeometry(data: ProfileData, file: string): Geometry {
  const {page, grid, roles} = data
  const measureMm = page.width - page.margins.inner - page.margins.outer
  const areaMm = page.height - page.margins.top - page.margins.bottom
  if (measureMm <= 0) throw new ProfileError(file, 'page.margins', `inner + outer (${page.margins.inner + page.margins.outer} mm) leave no type area on a ${page.width} mm page`)
  if (areaMm <= 0) throw new ProfileError(file, 'page.margins', `top + bottom (${page.margins.top + page.margins.bottom} mm) leave no type area on a ${page.height} mm page`)
  const measurePt = measureMm * PT_PER_MM
  const areaHeightPt = areaMm * PT_PER_MM
  const linePitchPt = areaHeightPt / grid.linesPerPage
  const cellPt = grid.charsPerLine ? measurePt / grid.charsPerLine : undefined
  const body = roles.body.size
  if (cellPt !== undefined && cellPt < body * 0.9) throw new ProfileError(file, 'grid.charsPerLine', `${grid.charsPerLine} cells of ${cellPt.toFixed(2)} pt are too narrow for ${body} pt type in a ${measureMm} mm measure`)
  if (linePitchPt < body) throw new ProfileError(file, 'grid.linesPerPage', `${grid.linesPerPage} lines of ${linePitchPt.toFixed(2)} pt cannot hold ${body} pt type in a ${areaMm} mm type area`)
  return {
    pageWidthPt: page.width * PT_PER_MM,
    pageHeightPt: page.height * PT_PER_MM,
    topPt: page.margins.top * PT_PER_MM,
    bottomPt: page.margins.bottom * PT_PER_MM,
    innerPt: page.margins.inner * PT_PER_MM,
    outerPt: page.margins.outer * PT_PER_MM,
    measurePt,
    areaHeightPt,
    linePitchPt,
    cellPt,
  }
}
