/**
 * Run in a child process by timezone.test.ts (bundled, under a TZ of the test's choosing): builds a fixture's OFD
 * with the date given and prints the package's SHA-256. `node child.mjs <root> <ISO date>`: the bundle sits under
 * test/artifacts/, so it is told the project's root.
 */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {VFile} from 'vfile'
import {prepare} from '../../../scripts/pipeline.ts'
import {loadProfile} from '../../../scripts/profile.ts'
import {loadTemplates} from '../../../scripts/templates.ts'
import {FontCache} from '../../../scripts/typeset/fonts.ts'
import {renderOfd} from '../../../scripts/write/ofd/index.ts'

const [root, date] = process.argv.slice(2) as [string, string]
const source = 'test/fixtures/typeset-basic/input.md'
const file = new VFile({path: source, value: readFileSync(path.join(root, source), 'utf8')})
const load = (name: string) => loadProfile(name, root)
const context = await prepare(file, {slug: 'typeset-basic', profile: await load('official'), fontCache: new FontCache({root}), templates: loadTemplates(root), root, editions: ['ofd'], loadProfile: load})
if (!context) throw new Error(file.messages.map(String).join('; '))
const bytes = renderOfd(context.layout.official!, {...context, date: new Date(date)})
process.stdout.write(createHash('sha256').update(bytes).digest('hex'))
