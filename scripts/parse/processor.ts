/**
 * The frozen unified processor: remark-parse + remark-frontmatter + zhiban's plugins.
 */
import {unified} from 'unified'
import remarkParse from 'remark-parse'
import remarkFrontmatter from 'remark-frontmatter'
import remarkDirective from 'remark-directive'
import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import remarkZhibanFrontmatter from './frontmatter.ts'
import remarkZhibanAttachments from './attachments.ts'
import remarkZhibanTable from './table.ts'
import remarkZhibanNormalize from './normalize.ts'
import remarkZhibanStructure from './structure.ts'
import remarkZhibanCharacters from './characters.ts'
import remarkZhibanLint from './lint.ts'
import {fromMdast} from '../model/from-mdast.ts'
import type {Document} from '../model/types.ts'
import {hasErrors} from '../diagnostics/report.ts'

/** The checks and the normalisation every Markdown text of a document goes through, in this order. */
const checks = [remarkZhibanCharacters, remarkZhibanStructure, remarkZhibanLint, remarkZhibanNormalize]

/** The processor (parse + check); frozen so no caller can add plugins to it. */
export const processor = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkDirective)
  .use(remarkZhibanTable)
  .use(remarkZhibanFrontmatter)
  .use(remarkZhibanAttachments)
  .use(checks)
  .freeze()

/**
 * The processor of what a block template (`templates/blocks/*.hbs`) renders: the source's own plugins, checks
 * included (characters, structure, lint, normalize), but the front matter (a template's data is the source's,
 * already checked).
 */
export const blockProcessor = unified()
  .use(remarkParse)
  .use(checks)
  .freeze()

/**
 * Parse a source file into the document model. Input problems go to `file.messages`;
 * returns undefined when any is fatal.
 * @param file the source file (`path` = `source/<slug>.md`, `value` = its text)
 * @param slug the source's slug
 */
export async function parse(file: VFile, slug: string): Promise<Document | undefined> {
  const tree = (await processor.run(processor.parse(file), file)) as Root
  if (hasErrors(file) || !file.data.meta) return undefined
  const doc = fromMdast(tree, file, slug)
  return hasErrors(file) ? undefined : doc
}
