/**
 * A generated corpus for "nothing lost": sources made by random edits of the seed document's real text (numbers,
 * Latin, URLs, dashes, ellipses, rare CJK, marks in odd places, ligature characters, broken Markdown), and the text
 * each must show in every edition, derived from the source itself — not from zhiban's parser.
 *
 * The derivation knows only the small part of CommonMark the source format accepts (paragraphs, `##`–`#####`
 * headings, links, autolinks, backslash escapes, character references, soft line breaks); a source using anything
 * else must be refused, and then its text is not compared.
 */
import {decodeNamedCharacterReference} from 'decode-named-character-reference'
import fc from 'fast-check'
import {parse as parseYaml} from 'yaml'

/** What is inserted into the seed's text. */
const EDITS: Record<string, readonly string[]> = {
  number: ['2022', '9.6%', '2,300.5', '1,286项', '10月', '2022—2025', '2024-01-15', '0.5‰', '36℃', '5G', '3/4', '第1', '100多'],
  latin: ['ISO 9001', 'GB/T 19001', 'efficient office', 'API', 'WTO', 'e-commerce', "don't", 'CCC认证', 'Q&A', 'a.b.c', 'x', 'Ⅳ'],
  url: ['https://www.samr.gov.cn/zw/zfxxgk/fdzdgknr/bgt/art/2022/art_4e9b.html', 'http://example.gov.cn/a?b=1&c=2', 'www.gov.cn', 'https://gkml.samr.gov.cn/nsjg/zlfzj/202211/t20221110_351536.html#top', 'mailto:office@example.gov.cn'],
  dash: ['——', '—', '–', '-', '－', '―', '- ', ' - ', ' -', '--', '———', '~', '～'],
  ellipsis: ['……', '…', '...', '……。', '…………', '。。。'],
  rare: ['〇', '々', '龘', '䶮', '鿏', '㐀', '丨', '⼀', '𠀀', '𪚥', '喆', '堃', '犇', '镕', '珺', '禤'],
  mark: ['，', '。', '、', '；', '：', '？', '！', '“', '”', '‘', '’', '《', '》', '（', '）', '【', '】', '·', '〈', '〉', '「', '」', '，，', '。”', '”。', '（《', '》）'],
  ligature: ['ﬁ', 'ﬂ', 'ﬀ', 'ﬃ', 'fi', 'fl', 'ffi'],
  space: [' ', '  ', '\u3000', '\t', '\n', ' \n', '\n  '],
  markdown: ['[链接](https://example.gov.cn/a.html)', '<https://example.gov.cn/>', '[文字](', '[文字]', '](x)', '*', '**', '_', '`', '#', '\\', '\\*', '\\[', '&amp;', '&lt;', '&copy;', '&#x4E00;', '&#20013;', '&bogus;', '&', '<', '>', '<b>', '|', '[^1]', '![图](a.png)', '~~', '*强调*', '__粗__', '`代码`', '\n\n', '\n\n## ', '\n\n### ', '\n\n###### ', '\n> ', '\n- ', '\n1. ', '\n---\n', '\n===\n', '\n    '],
}
/** How often each kind of edit is drawn: Markdown the format refuses and characters no font draws end a case early. */
const WEIGHTS: Record<string, number> = {number: 3, latin: 3, url: 2, dash: 3, ellipsis: 2, rare: 1, mark: 3, ligature: 2, space: 2, markdown: 1}

/** One generated source and how it was made. */
export interface CorpusCase {
  markdown: string
}

/** The seed's title and body blocks (paragraphs and headings, as written). */
export function seedParts(seed: string): {title: string; blocks: string[]} {
  const end = seed.indexOf('\n---\n', 4)
  const front = parseYaml(seed.slice(4, end)) as {title: string}
  const blocks = seed.slice(end + 5).split(/\n\s*\n/).map((b) => b.trim()).filter(Boolean)
  return {title: front.title, blocks}
}

/** Insert each edit at its relative place (0–1) in the text. */
function applyEdits(text: string, edits: readonly (readonly [number, string])[]): string {
  const chars = [...text]
  for (const [at, insert] of [...edits].sort((a, b) => b[0] - a[0])) chars.splice(Math.floor(at * (chars.length + 1)), 0, insert)
  return chars.join('')
}

/**
 * The corpus arbitrary: a front matter (now and then broken) and 1–6 blocks of the seed, each cut to a random
 * stretch and edited at random places.
 * @param seed the seed document's Markdown
 */
export function corpusArbitrary(seed: string): fc.Arbitrary<CorpusCase> {
  const {title, blocks} = seedParts(seed)
  const edit = fc.tuple(fc.double({min: 0, max: 1, noNaN: true, maxExcluded: true}), fc.oneof(...Object.entries(EDITS).map(([kind, list]) => ({weight: WEIGHTS[kind]!, arbitrary: fc.constantFrom(...list)}))))
  const block = fc.record({
    index: fc.nat({max: blocks.length - 1}),
    from: fc.double({min: 0, max: 1, noNaN: true}),
    length: fc.integer({min: 1, max: 160}),
    edits: fc.array(edit, {maxLength: 12, size: 'max'}),
  }).map(({index, from, length, edits}) => {
    const chars = [...blocks[index]!]
    // Note: a heading keeps its marker, so a stretch of it starts at the text after `## `.
    const marker = /^#{2,5} /.exec(blocks[index]!)?.[0] ?? ''
    const body = chars.slice(marker.length)
    const start = Math.floor(from * Math.max(0, body.length - 1))
    return marker + applyEdits(body.slice(start, start + length).join(''), edits)
  })
  const titleArb = fc.oneof(
    {weight: 8, arbitrary: fc.constant(title)},
    {weight: 2, arbitrary: fc.array(edit, {maxLength: 3}).map((edits) => applyEdits(title, edits))},
  )
  const front = fc.record({
    title: titleArb,
    broken: fc.oneof({weight: 20, arbitrary: fc.constant('')}, {weight: 1, arbitrary: fc.constantFrom('date', 'kind', 'yaml', 'unknown')}),
    related: fc.boolean(),
  })
  return fc.record({front, blocks: fc.array(block, {minLength: 1, maxLength: 6, size: 'max'}), crlf: fc.nat({max: 19})}).map(({front: f, blocks: bs, crlf}) => {
    const yamlTitle = JSON.stringify(f.title)
    const lines = [
      '---',
      f.broken === 'yaml' ? `title: ${f.title}: [` : `title: ${yamlTitle}`,
      'issuer: 国家市场监督管理总局',
      f.broken === 'date' ? 'date: 2022-13-40' : 'date: 2022-11-10',
      f.broken === 'kind' ? 'kind: memo' : 'kind: press-qa',
      ...(f.broken === 'unknown' ? ['author: 某人'] : []),
      ...(f.related ? ['related:', '  - title: 关于印发进一步提高产品、工程和服务质量行动方案（2022—2025年）的通知', '    url: https://gkml.samr.gov.cn/nsjg/zlfzj/202211/t20221110_351536.html'] : []),
      '---',
      '',
    ]
    const markdown = `${lines.join('\n')}${bs.join('\n\n')}\n`
    return {markdown: crlf === 0 ? markdown.replace(/\n/g, '\r\n') : markdown}
  })
}

/**
 * `n` cases of the corpus, the same for the same seed.
 * @param seed the seed document's Markdown
 * @param n how many
 * @param random fast-check's seed
 */
export function corpus(seed: string, n: number, random: number): CorpusCase[] {
  return fc.sample(corpusArbitrary(seed), {numRuns: n, seed: random})
}

const PUNCT = /[!-/:-@[-`{-~]/

/**
 * The text of one Markdown block as a reader sees it: escapes, character references, links and autolinks resolved.
 * @param text the block (heading marker removed)
 */
export function inlineText(text: string): string {
  let out = ''
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    if (c === '\\' && i + 1 < text.length && PUNCT.test(text[i + 1]!)) {
      out += text[i + 1]
      i += 2
      continue
    }
    if (c === '\\' && text[i + 1] === '\n') {
      i += 1
      continue
    }
    if (c === '&') {
      const ref = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));/.exec(text.slice(i))
      const named = ref?.[3] === undefined ? undefined : decodeNamedCharacterReference(ref[3])
      const code = ref?.[1] !== undefined ? Number(ref[1]) : ref?.[2] !== undefined ? Number.parseInt(ref[2], 16) : undefined
      if (ref && (named !== false || code !== undefined)) {
        out += named !== undefined && named !== false ? named : code === 0 || code! > 0x10ffff || (code! >= 0xd800 && code! <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(code!)
        i += ref[0].length
        continue
      }
    }
    if (c === '<') {
      const auto = /^<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>/.exec(text.slice(i))
      if (auto) {
        out += auto[1]
        i += auto[0].length
        continue
      }
    }
    if (c === '[') {
      const link = matchLink(text, i)
      if (link) {
        out += inlineText(link.text)
        i = link.end
        continue
      }
    }
    out += c
    i++
  }
  return out
}

/** `[text](destination)` starting at `i`: the text and where the link ends (no nested brackets, no title). */
function matchLink(text: string, i: number): {text: string; end: number} | undefined {
  const m = /^\[((?:\\.|[^\\[\]])*)\]\(([^\s()<>]*)\)/.exec(text.slice(i))
  return m ? {text: m[1]!, end: i + m[0].length} : undefined
}

/**
 * The title and the blocks' text that every edition must show, in order (whitespace is not compared: line ends,
 * justification, the quarter em between Chinese and Latin and the source's soft line breaks all differ by edition).
 * @param markdown a source the build accepted
 */
export function expectedText(markdown: string): {title: string; blocks: string[]} {
  const text = markdown.replace(/\r\n?/g, '\n')
  const end = text.indexOf('\n---\n', 4)
  const front = parseYaml(text.slice(4, end)) as {title: string | string[]}
  const blocks = text.slice(end + 5).split(/\n(?:[ \t]*\n)+/).flatMap((block) => {
    const lines = block.split('\n').map((line) => line.replace(/^ {0,3}/, ''))
    // Note: an ATX heading is one line; the lines after it are a paragraph of their own.
    const heading = /^#{1,6}(?:[ \t]+|$)/.exec(lines[0]!)
    if (!heading) return [inlineText(lines.join('\n'))]
    return [inlineText(lines[0]!.slice(heading[0].length).replace(/(?:^|[ \t]+)#+[ \t]*$/, '')), inlineText(lines.slice(1).join('\n'))]
  }).filter((b) => b.trim() !== '')
  return {title: Array.isArray(front.title) ? front.title.join('') : front.title, blocks}
}
