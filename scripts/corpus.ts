/**
 * A generated corpus for the benchmark: documents of realistic Chinese text made from a seed document's own
 * sentences, in varied order and lengths (some long), deterministic for a given seed; and one large source.
 */

/** Options of {@link makeCorpus}. */
export interface Options {
  /** The seed document's Markdown (its body sentences are reused). */
  seed: string
  /** How many documents. */
  count: number
  /** PRNG seed (same seed, same corpus). */
  random?: number
}

/** One generated source. */
export interface CorpusDocument {
  slug: string
  markdown: string
}

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']

/** 1 → 一, 12 → 十二, 25 → 二十五. */
function chineseNumber(n: number): string {
  if (n <= 10) return NUMERALS[n - 1]!
  const tens = Math.floor(n / 10)
  const units = n % 10
  return `${tens === 1 ? '' : NUMERALS[tens - 1]}十${units ? NUMERALS[units - 1] : ''}`
}

/** The seed's parts: front matter fields and body sentences. */
interface Seed {
  issuer: string
  /** The seed's `related:` YAML block, reused as is. */
  related: string
  sentences: string[]
  questions: string[]
}

function readSeed(markdown: string): Seed {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(markdown)
  const front = match?.[1] ?? ''
  const body = match?.[2] ?? markdown
  const issuer = /^issuer:\s*(.+)$/m.exec(front)?.[1]?.trim() ?? '国家市场监督管理总局'
  const related = /^related:\n(?:[ -].*\n?)+/m.exec(`${front}\n`)?.[0] ?? ''
  const sentences: string[] = []
  const questions: string[] = []
  for (const line of body.split('\n')) {
    const text = line.trim()
    if (!text) continue
    if (text.startsWith('#')) {
      const q = text.replace(/^#+\s*[一二三四五六七八九十]+、/, '').replace(/[？?]$/, '')
      if (q) questions.push(q)
      continue
    }
    for (const s of text.replace(/^答：/, '').match(/[^。！？]+[。！？]?/g) ?? []) if (s.trim().length > 4) sentences.push(s.trim())
  }
  return {issuer, related, sentences, questions}
}

/**
 * Make a corpus.
 * @param options the seed document, how many, the PRNG seed
 * @returns documents with slugs `corpus-0001`…, sorted
 */
export function makeCorpus(options: Readonly<Options>): CorpusDocument[] {
  const seed = readSeed(options.seed)
  const random = prng(options.random ?? 20221110)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const docs: CorpusDocument[] = []
  for (let i = 1; i <= options.count; i++) {
    // Note: about one document in ten is long (several times the seed), the rest from a third to twice its length.
    const long = random() < 0.1
    const sections = long ? 12 + Math.floor(random() * 12) : 2 + Math.floor(random() * 6)
    const body: string[] = [paragraph(seed, random, 2 + Math.floor(random() * 4))]
    for (let s = 1; s <= sections; s++) {
      body.push(`## ${chineseNumber(s)}、${pick(seed.questions)}？`)
      const paragraphs = 1 + Math.floor(random() * (long ? 4 : 2))
      for (let p = 0; p < paragraphs; p++) body.push(`${p === 0 ? '答：' : ''}${paragraph(seed, random, 2 + Math.floor(random() * 9))}`)
    }
    const day = String(1 + Math.floor(random() * 28)).padStart(2, '0')
    const month = String(1 + Math.floor(random() * 12)).padStart(2, '0')
    const slug = `corpus-${String(i).padStart(4, '0')}`
    docs.push({slug, markdown: frontMatter(`${pick(seed.questions)}（第${chineseNumber(1 + (i % 99))}号）答记者问`, seed.issuer, `2022-${month}-${day}`, seed.related) + body.join('\n\n') + '\n'})
  }
  return docs
}

/**
 * One large source: about `chars` characters of body text, in sections of a few paragraphs.
 * @param seedMarkdown the seed document
 * @param chars characters of body text (300,000 ≈ 1 MB of UTF-8)
 */
export function makeLarge(seedMarkdown: string, chars: number): string {
  const seed = readSeed(seedMarkdown)
  const random = prng(7)
  const body: string[] = []
  let length = 0
  let section = 0
  while (length < chars) {
    section++
    const heading = `## ${chineseNumber(1 + ((section - 1) % 99))}、${seed.questions[section % seed.questions.length]}？`
    body.push(heading)
    length += heading.length
    for (let p = 0; p < 4 && length < chars; p++) {
      const text = `${p === 0 ? '答：' : ''}${paragraph(seed, random, 3 + Math.floor(random() * 8))}`
      body.push(text)
      length += text.length
    }
  }
  return frontMatter('大型文档基准测试：进一步提高产品、工程和服务质量行动方案问答汇编', seed.issuer, '2022-11-10', seed.related) + body.join('\n\n') + '\n'
}

function paragraph(seed: Seed, random: () => number, sentences: number): string {
  let text = ''
  for (let i = 0; i < sentences; i++) text += seed.sentences[Math.floor(random() * seed.sentences.length)]
  return /[。！？]$/.test(text) ? text : `${text}。`
}

function frontMatter(title: string, issuer: string, date: string, related: string): string {
  return `---\ntitle: ${JSON.stringify(title)}\nissuer: ${issuer}\ndate: ${date}\nkind: press-qa\nlang: zh-CN\n${related.trimEnd()}${related ? '\n' : ''}---\n\n`
}
