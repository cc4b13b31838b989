/**
 * Test helpers for the Word edition: build a fixture through the real pipeline (`compile`), read the package's
 * parts, pretty-print XML for snapshots.
 */
import {readFile} from 'node:fs/promises'
import {strFromU8, unzipSync} from 'fflate'
import {VFile} from 'vfile'
import xmlFormatter from 'xml-formatter'
import type {Document} from '../../../scripts/model/types.ts'
import {compile} from '../../../scripts/pipeline.ts'
import type {EditionName} from '../../../scripts/editions.ts'
import {loadProfile, type Profile} from '../../../scripts/profile.ts'
import {loadTemplates} from '../../../scripts/templates.ts'
import {FontCache} from '../../../scripts/typeset/fonts.ts'

import {inRoot, ROOT} from '../../root.ts'

export {ROOT}

// Note: xml-formatter is CommonJS with `exports.default`; under NodeNext the default import is the module object.
const xmlFormat = ((xmlFormatter as unknown as {default?: typeof xmlFormatter}).default ?? xmlFormatter) as unknown as (xml: string, options: object) => string

const fontCache = new FontCache({root: ROOT})
const templates = loadTemplates(ROOT)

/**
 * Build the DOCX of a source through `compile` with `editions: ['docx']`.
 * @param input path of the source, relative to the project root
 * @param edit changes to the official profile (e.g. `docx.grid`)
 * @throws Error listing the messages when the build fails
 */
export async function buildDocx(input: string, edit?: (profile: Profile) => Profile): Promise<{bytes: Uint8Array; doc: Document; name: string}> {
  const {result, file} = await compileDocx(input, edit)
  if (!result) throw new Error(`build failed:\n${file.messages.map(String).join('\n')}`)
  const output = result.outputs[0]!
  return {bytes: output.bytes, doc: result.doc, name: output.name}
}

/**
 * Compile a source with `editions: ['docx']`, keeping its messages.
 * @param input path of the source, relative to the project root
 * @param edit changes to the official profile
 */
export async function compileDocx(input: string, edit: (profile: Profile) => Profile = (profile) => profile, editions: readonly EditionName[] = ['docx']): Promise<{result: Awaited<ReturnType<typeof compile>>; file: VFile}> {
  const profile = edit(await loadProfile('official', ROOT))
  const file = new VFile({path: input, value: await readFile(inRoot(input), 'utf8')})
  const slug = input.replace(/^.*\//, '').replace(/\.md$/, '')
  const result = await compile(file, {slug, profile, fontCache, templates, root: ROOT, editions, loadProfile: (name) => loadProfile(name, ROOT)})
  return {result, file}
}

/** Every entry of a package, XML parts as text. */
export function unpack(bytes: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(bytes)))
}

/** One XML part, pretty-printed for a readable golden. */
export function prettyPart(bytes: Uint8Array, name: string): string {
  const entry = unpack(bytes).get(name)
  if (!entry) throw new Error(`no part \`${name}\``)
  return `${xmlFormat(strFromU8(entry), {indentation: '  ', collapseContent: true, lineSeparator: '\n'})}\n`
}
