/**
 * Edition profiles: load `templates/profiles/<name>.yaml` (or a file path), validate it, derive
 * the page geometry in points.
 *
 * A profile may say `extends: <name or file>`: it then takes every top-level section of that profile (and of what
 * that one extends) it does not give itself, whole (a section given replaces the inherited one: no deep merge, so
 * a section always reads as one piece in one file). The booklet sizes extend `booklet`, which extends `official`
 * for its `fonts:`. An unknown profile or a circle of `extends` is an error placed at the `extends` key.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {parse as parseYaml} from 'yaml'
import {z} from 'zod'
import {parsedCache, validatedCache} from './profile-cache.ts'
import {fontPathProblem, profilePath} from './paths.ts'

/** Points per millimetre. */
export const PT_PER_MM = 72 / 25.4

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

/**
 * Named trim sizes (mm, portrait): ISO A4/A5 and the common Chinese book sizes, 16开 (大16开
 * 185 × 260 per GB/T 788-1999) and 大32开 (140 × 203).
 */
export const PAGE_SIZES = {
  A4: {width: 210, height: 297},
  A5: {width: 148, height: 210},
  '16k': {width: 185, height: 260},
  big32k: {width: 140, height: 203},
} as const
/** A name of {@link PAGE_SIZES}. */
export type PageSizeName = keyof typeof PAGE_SIZES

const PAGE_SIZE_NAMES = Object.keys(PAGE_SIZES) as [PageSizeName, ...PageSizeName[]]

const bookletSection = z.strictObject({
  colophon: z.boolean().default(false),
  cover: z.strictObject({title: role, text: role}),
  colophonRole: role,
})

/** The largest `typesetting.rangeBreakPenalty`: a thousand lines at the looseness limit, a hundredth of a loose line. */
export const MAX_RANGE_BREAK_PENALTY = 100000

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

type ParsedProfile = z.infer<typeof PROFILE_SCHEMA>
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

/** A profile problem, naming the key. */
export class ProfileError extends Error {
  constructor(readonly file: string, readonly key: string, reason: string) {
    super(`${file}: ${key}: ${reason}`)
    this.name = 'ProfileError'
  }
}

/**
 * Load a profile by name (`templates/profiles/<name>.yaml` under `root`) or by file path.
 * @param nameOrFile a profile name or a path to a YAML/JSON profile file
 * @param root the project root
 * @throws ProfileError naming the key when the profile is invalid or its geometry impossible
 */
export async function loadProfile(nameOrFile: string, root: string): Promise<Profile> {
  const file = profilePath(nameOrFile, root)
  const chain = readChain(file, root)
  const cached = validatedCache<Profile>(root, file, chain.map((link) => `${link.file}\0${link.text}`).join('\0'))
  let profile = cached?.read()
  if (!profile) {
    const {data, origin} = mergeChain(chain)
    try {
      profile = validateProfile(data, file)
    } catch (error) {
      // Note: a problem in an inherited section is placed in the file that gives it.
      const from = error instanceof ProfileError ? origin.get(error.key.split('.')[0]!) : undefined
      if (error instanceof ProfileError && from && from !== file) throw new ProfileError(from, error.key, error.message.slice(error.message.indexOf(`${error.key}: `) + error.key.length + 2))
      throw error
    }
    cached?.write(profile)
  }
  // Note: checked every time, cached or not: a font file can go away while the profile stays the same.
  for (const [key, font] of Object.entries(profile.fonts)) {
    const problem = fontPathProblem(font.file, file, root)
    if (problem) throw new ProfileError(file, `fonts.${key}.file`, problem)
  }
  return profile
}

/** One profile file of an `extends` chain: its text and parsed data. */
interface Link {
  file: string
  text: string
  data: Record<string, unknown>
}

/**
 * A profile file and every profile it extends, the file itself first.
 * @throws ProfileError when a file is missing or not YAML, or `extends` names no profile or makes a circle
 */
function readChain(file: string, root: string): Link[] {
  const chain: Link[] = []
  for (let next: string | undefined = file, from: Link | undefined; next !== undefined; ) {
    let text: string
    try {
      text = readFileSync(next, 'utf8')
    } catch {
      if (from) throw new ProfileError(from.file, 'extends', `no profile \`${String(from.data.extends)}\`: name one of templates/profiles/*.yaml or give a path`)
      throw new ProfileError(next, '(file)', `no profile file: name one of templates/profiles/*.yaml or give a path`)
    }
    let data: unknown
    const parsed = parsedCache(root, next, text)
    try {
      data = parsed ? parsed.read() : undefined
      if (data === undefined) {
        data = parseYaml(text)
        parsed?.write(data)
      }
    } catch (error) {
      throw new ProfileError(next, '(yaml)', (error as Error).message)
    }
    const link: Link = {file: next, text, data: data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {}}
    if (chain.some((seen) => seen.file === next)) {
      throw new ProfileError(from!.file, 'extends', `makes a circle (${[...chain, link].map((l) => path.basename(l.file)).join(' → ')}): a profile cannot extend itself`)
    }
    chain.push(link)
    const parent = link.data.extends
    if (parent !== undefined && (typeof parent !== 'string' || parent === '')) throw new ProfileError(next, 'extends', 'must be a profile name or file')
    from = link
    next = parent === undefined ? undefined : profilePath(parent, root)
  }
  return chain
}

/**
 * A profile's data with what it extends merged in, before validation (`extends` removed).
 * @param file the profile file
 * @param root the project root
 */
export function profileData(file: string, root: string): Record<string, unknown> {
  return mergeChain(readChain(file, root)).data
}

/** The profile data of a chain: each top-level section from the first file that gives it; where each came from. */
function mergeChain(chain: readonly Link[]): {data: Record<string, unknown>; origin: Map<string, string>} {
  const data: Record<string, unknown> = {}
  const origin = new Map<string, string>()
  for (const link of chain) {
    for (const [key, value] of Object.entries(link.data)) {
      if (key === 'extends' || key in data) continue
      data[key] = value
      origin.set(key, link.file)
    }
  }
  return {data, origin}
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
