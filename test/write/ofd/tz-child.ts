/**
 * Run in a child process by timezone.test.ts (bundled, under a TZ of the test's choosing): builds a fixture's OFD
 * dated 2022-09-11 and prints the package's SHA-256.
 */
import {createHash} from 'node:crypto'
import {renderOfd} from '../../../scripts/write/ofd/index.ts'
import {contextFor} from '../../typeset/context.ts'

const context = await contextFor({file: 'test/fixtures/typeset-basic/input.md'}, ['ofd'])
const bytes = renderOfd(context.layout.official!, {...context, date: new Date(process.argv[2]!)})
process.stdout.write(createHash('sha256').update(bytes).digest('hex'))
