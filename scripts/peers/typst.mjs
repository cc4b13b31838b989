// The benchmark's Typst peer process (scripts/bench-peers.ts runs it as `node scripts/peers/typst.mjs DIR FONTS`):
// Typst 0.14, through its Node binding (@myriaddreamin/typst-ts-node-compiler, a dev dependency), makes the three
// editions Typst can make of DIR/main.typ — an A4 PDF, an A5 PDF and the HTML page — into DIR, in one process, as
// zhiban makes its editions in one. FONTS is the folder of the fonts it may use (zhiban's own, from npm).
import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {NodeCompiler} from '@myriaddreamin/typst-ts-node-compiler'

const [dir, fonts] = process.argv.slice(2)
if (dir === '--version') {
  // Note: Typst's own version, as its `sys.version` reads, for the benchmark's table.
  const out = NodeCompiler.create().tryHtml({mainFileContent: '#sys.version'})
  process.stdout.write(`${/\d+\.\d+\.\d+/.exec(out.result?.body() ?? '')?.[0] ?? 'unknown'}\n`)
  process.exit(0)
}
const compiler = NodeCompiler.create({workspace: dir, fontArgs: [{fontPaths: [fonts]}]})
const main = path.join(dir, 'main.typ')
for (const paper of ['a4', 'a5']) writeFileSync(path.join(dir, `${paper}.pdf`), compiler.pdf({mainFilePath: main, inputs: {paper}}))
const html = compiler.tryHtml({mainFilePath: main})
if (!html.result) {
  process.stderr.write(`typst html: ${html.hasError() ? 'errors' : 'no result'}\n`)
  process.exit(1)
}
writeFileSync(path.join(dir, 'index.html'), html.result.html())
