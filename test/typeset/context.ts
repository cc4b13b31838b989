/**
 * Test helper: a pipeline context for a source file, with the fonts loaded once per process.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {VFile} from 'vfile'
import {parse} from '../../scripts/parse/processor.ts'
import {documentDate, templateBlocks, type Context} from '../../scripts/pipeline.ts'
import {loadProfile, type Profile} from '../../scripts/profile.ts'
import {loadTemplates} from '../../scripts/templates.ts'
import {FontCache} from '../../scripts/typeset/fonts.ts'

import {ROOT} from '../root.ts'

export {ROOT}

let cache: {fontCache: FontCache; profile: Profile} | undefined

/** The official profile and a shared font cache. */
export async function official(): Promise<{fontCache: FontCache; profile: Profile}> {
  cache ??= {fontCache: new FontCache({root: ROOT}), profile: await loadProfile('official', ROOT)}
  return cache
}

/**
 * A context for Markdown text (or a file under the root).
 * @param source the Markdown text, or `{file}` relative to the root
 */
export async function contextFor(source: string | {file: string}): Promise<Context> {
  const {fontCache, profile} = await official()
  const value = typeof source === 'string' ? source : readFileSync(path.join(ROOT, source.file), 'utf8')
  const file = new VFile({path: typeof source === 'string' ? 'source/test.md' : source.file, value})
  const slug = typeof source === 'string' ? 'test' : path.basename(source.file, '.md')
  const doc = await parse(file, slug)
  if (!doc) throw new Error(`contextFor: the source does not parse: ${file.messages.map(String).join('; ')}`)
  const templates = loadTemplates(ROOT)
  const blocks = templateBlocks(doc, templates, file)
  if (!blocks) throw new Error('contextFor: template blocks failed')
  return {doc, file, profile, fonts: fontCache.forProfile(profile), fontCache, templates, blocks, date: documentDate(doc), root: ROOT, loadProfile: (name) => loadProfile(name, ROOT), bookletProfile: 'booklet'}
}
