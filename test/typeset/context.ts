/**
 * Test helper: a pipeline context for a source file, made by the pipeline's own stages before the writers
 * (pipeline.ts `prepare`: parse, template blocks, checks, layout), with the fonts loaded once per process.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {VFile} from 'vfile'
import {parse} from '../../scripts/parse/processor.ts'
import {prepare, templateBlocks} from '../../scripts/pipeline.ts'
import type {Context, EditionName, LayoutInput} from '../../scripts/editions.ts'
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
 * A context for Markdown text (or a file under the root), laid out for some editions.
 * @param source the Markdown text, or `{file}` relative to the root
 * @param editions the editions whose layout the context carries (default the PDF's)
 * @param bookletProfile the booklet's profile (default `booklet`)
 */
export async function contextFor(source: string | {file: string}, editions: readonly EditionName[] = ['pdf'], bookletProfile = 'booklet'): Promise<Context> {
  const {fontCache, profile} = await official()
  const value = typeof source === 'string' ? source : readFileSync(path.join(ROOT, source.file), 'utf8')
  const file = new VFile({path: typeof source === 'string' ? 'source/test.md' : source.file, value})
  const slug = typeof source === 'string' ? 'test' : path.basename(source.file, '.md')
  const context = await prepare(file, {slug, profile, fontCache, templates: loadTemplates(ROOT), root: ROOT, editions, loadProfile: (name) => loadProfile(name, ROOT), bookletProfile})
  if (!context) throw new Error(`contextFor: the source does not compile: ${file.messages.map(String).join('; ')}`)
  return context
}

/**
 * What layout gets for Markdown text, parsed and with its template blocks but not checked (to test the
 * layout's own checks, which the pipeline's coverage check would otherwise pre-empt).
 * @param text the Markdown text
 */
export async function layoutInputFor(text: string): Promise<LayoutInput> {
  const {fontCache, profile} = await official()
  const file = new VFile({path: 'source/test.md', value: text})
  const doc = await parse(file, 'test')
  const blocks = doc && (await templateBlocks(doc, loadTemplates(ROOT), file))
  if (!doc || !blocks) throw new Error(`layoutInputFor: the source does not parse: ${file.messages.map(String).join('; ')}`)
  return {doc, file, profile, fonts: fontCache.forProfile(profile), blocks}
}
