// The bundled CLI: scripts/*.ts and the packages they import, bundled by esbuild into one CommonJS file under
// node_modules/.cache/zhiban/cli-<hash of the checkout>/, rebuilt when a script or the lockfile is newer, and
// run with V8's code cache beside it.
// Note: a fresh process spends most of its start compiling modules (pdfkit, docx, unified, zod, …: ~0.3 s
// as separate ES modules); one bundle compiled from the code cache loads in ~35 ms. Node 20 has no
// module.enableCompileCache, so the bundle is run through vm.Script with `cachedData`.
// Note: CommonJS, required by the launcher (zhiban.cjs) and the worker threads' entry (worker.cjs): as an ES module,
// it and the seven Node modules it imported each went through Node's ES module loader at every start (~3 ms); the
// modules only bundling needs are required when it bundles.
'use strict'
const {createHash} = require('node:crypto')
const {existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} = require('node:fs')
const Module = require('node:module')
const {createRequire} = Module
const path = require('node:path')
const vm = require('node:vm')

const here = __dirname
/** The checkout's root folder. */
const root = path.dirname(here)

/** Where the bundle of this checkout lives (keyed by the folder, so checkouts sharing one node_modules never mix). */
function bundleDir() {
  const key = createHash('sha256').update(root).digest('hex').slice(0, 12)
  return path.join(root, 'node_modules', '.cache', 'zhiban', `cli-${key}`)
}

// Note: every start walks scripts/ (~150 files): names joined by hand, not path.join, which was half the walk.
function newest(dir) {
  let t = 0
  for (const e of readdirSync(dir, {withFileTypes: true})) {
    const full = `${dir}${path.sep}${e.name}`
    t = Math.max(t, e.isDirectory() ? newest(full) : /\.(ts|mjs|cjs)$/.test(e.name) ? statSync(full).mtimeMs : 0)
  }
  return t
}

// Note: a package that finds its data files next to its own code (pdfkit's AFM and ICC files through
// import.meta.url or __dirname) keeps finding them there once bundled.
const locate = {
  name: 'locate',
  setup(build) {
    build.onLoad({filter: /[\\/]node_modules[\\/].*\.(m?js|cjs)$/}, async (args) => {
      let text = await require('node:fs/promises').readFile(args.path, 'utf8')
      if (!/import\.meta\.url|__dirname|__filename/.test(text)) return undefined
      text = text.replaceAll('import.meta.url', JSON.stringify(require('node:url').pathToFileURL(args.path).href))
      if (/__dirname|__filename/.test(text)) text = `var __dirname = ${JSON.stringify(path.dirname(args.path))}, __filename = ${JSON.stringify(args.path)};\n${text}`
      return {contents: text, loader: 'js', resolveDir: path.dirname(args.path)}
    })
  },
}

// Note: two packages replaced in the bundle by Node's own zlib, and pdfkit's AES, fontkit and linebreak, commander's
// child_process, the named character references, fontkit's Unicode properties and hast-util-to-html's SVG schema
// loaded on first use (see each shim's opening comment): what they do when they load cost every fresh process time.
const shims = {
  name: 'shims',
  setup(build) {
    build.onResolve({filter: /^tiny-inflate$/}, () => ({path: path.join(here, 'shims', 'tiny-inflate.cjs')}))
    build.onResolve({filter: /^brotli\/decompress(\.js)?$/}, () => ({path: path.join(here, 'shims', 'brotli-decompress.cjs')}))
    build.onResolve({filter: /^decode-named-character-reference$/}, () => ({path: path.join(here, 'shims', 'decode-named-character-reference.cjs')}))
    // Note: only pdfkit's import; the shim's own require reaches the package.
    build.onResolve({filter: /^(node:)?child_process$/}, (args) => (/[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? {path: path.join(here, 'shims', 'child-process.cjs')} : undefined))
    build.onResolve({filter: /^@noble\/ciphers\/aes$/}, (args) => (/[\\/]node_modules[\\/]pdfkit[\\/]/.test(args.importer) ? {path: path.join(here, 'shims', 'noble-aes.cjs')} : undefined))
    build.onResolve({filter: /^unicode-properties$/}, (args) => (/[\\/]node_modules[\\/]fontkit[\\/]/.test(args.importer) ? {path: path.join(here, 'shims', 'unicode-properties.cjs')} : undefined))
    build.onResolve({filter: /^fontkit$/}, (args) => (/[\\/]node_modules[\\/]pdfkit[\\/]/.test(args.importer) ? {path: path.join(here, 'shims', 'fontkit-create.cjs')} : undefined))
    build.onResolve({filter: /^property-information$/}, (args) => (args.pluginData?.real ? undefined : {path: path.join(here, 'shims', 'property-information-lazy.mjs')}))
    // Note: the shim's own imports of the package's files, which its exports map does not name.
    build.onResolve({filter: /^property-information\/lib\//}, async (args) => {
      const index = await build.resolve('property-information', {kind: 'import-statement', resolveDir: args.resolveDir, pluginData: {real: true}})
      return index.errors.length ? {errors: index.errors} : {path: path.join(path.dirname(index.path), args.path.slice('property-information/'.length))}
    })
    build.onResolve({filter: /^linebreak$/}, (args) => (/[\\/]node_modules[\\/]pdfkit[\\/]/.test(args.importer) ? {path: path.join(here, 'shims', 'linebreak-lazy.cjs')} : undefined))
    // Note: zhiban's synchronous require of fontkit (typeset/fonts.ts `kit`) takes the module its imports take, not
    // the package's CommonJS build, which would be a second copy in the bundle (0.4 MB), and another fontkit.
    build.onResolve({filter: /^fontkit$/}, (args) => (args.kind === 'require-call' && !args.importer.includes(`${path.sep}node_modules${path.sep}`) ? build.resolve('fontkit', {kind: 'import-statement', resolveDir: args.resolveDir}) : undefined))
  },
}

/**
 * The bundle with every non-ASCII character written as a `\u` escape. esbuild escapes strings and names but leaves
 * regular expression literals as written (`/〔\d{4}〕/`, the 公文 rules have dozens): one such character makes V8
 * hold the whole 2.7 MB source as a two-byte string, read and hashed at every start (~5 ms). In a string, a template
 * or a regular expression, with or without the `u` flag, `\uXXXX` (a surrogate pair above U+FFFF) means the
 * character itself; a character after a backslash is left as it is.
 * @param text the bundle
 */
function asciiOnly(text) {
  return text.replace(/(\\*)([^\x00-\x7f])/gu, (match, slashes, char) => {
    if (slashes.length % 2 === 1) return match
    let out = ''
    for (let i = 0; i < char.length; i++) out += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`
    return slashes + out
  })
}

/**
 * The bundle's path, bundled first when missing or older than a script or the lockfile.
 * @returns the path of cli.cjs
 */
async function ensureBundle() {
  const dir = bundleDir()
  const file = path.join(dir, 'cli.cjs')
  if (existsSync(file) && statSync(file).mtimeMs >= Math.max(newest(here), statSync(path.join(root, 'package-lock.json')).mtimeMs)) return file
  const {build} = require('esbuild')
  // Note: built beside, then renamed into place: another process may be starting from the old bundle.
  const temp = `${dir}.${process.pid}.tmp`
  rmSync(temp, {recursive: true, force: true})
  await build({
    entryPoints: {cli: path.join(here, 'cli.ts')},
    outdir: temp,
    outExtension: {'.js': '.cjs'},
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // Note: subset-font loads a WebAssembly file by require.resolve; esbuild itself is only the launcher's.
    external: ['esbuild', 'subset-font'],
    define: {'import.meta.url': '__zhiban_import_meta_url'},
    banner: {js: 'var __zhiban_import_meta_url = require("node:url").pathToFileURL(__filename).href;'},
    plugins: [shims, locate],
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: 'linked',
    // Note: module names in the bundle are relative to this folder: the same bundle whatever folder it is made from.
    absWorkingDir: root,
    logLevel: 'error',
  })
  mkdirSync(dir, {recursive: true})
  for (const name of readdirSync(dir)) if (name !== 'cli.cjs') rmSync(path.join(dir, name), {force: true})
  renameSync(path.join(temp, 'cli.cjs.map'), path.join(dir, 'cli.cjs.map'))
  // Note: written inside Node's module wrapper (loadBundle compiles the file as it is): a wrapper added at every
  // start made V8 copy the 2.6 MB source into one flat string (~650 page faults, ~1-3 ms a process).
  writeFileSync(path.join(temp, 'cli.cjs'), `${Module.wrapper[0]}${asciiOnly(readFileSync(path.join(temp, 'cli.cjs'), 'utf8'))}${Module.wrapper[1]}`)
  renameSync(path.join(temp, 'cli.cjs'), file)
  rmSync(temp, {recursive: true, force: true})
  return file
}

/**
 * Which code cache a command line starts from: `build --only <editions>` has one per set of editions (`html`,
 * `docx,html`), every other command line shares `all`. V8 reads a whole cache before the first line runs: the one
 * a whole build leaves (~2.8 MB) costs an HTML-only build ~16 ms, its own ~1 MB a third of that. A guess from the
 * arguments only, before the configuration is read: a wrong one costs time, never a different result.
 * @param argv process.argv
 */
function cachePart(argv) {
  if (argv[2] !== 'build') return 'all'
  let only
  for (let i = 3; i < argv.length; i++) {
    if (argv[i] === '--') break
    if (argv[i] === '--only') only = argv[i + 1]
    else if (argv[i].startsWith('--only=')) only = argv[i].slice('--only='.length)
  }
  const editions = [...new Set((only ?? '').split(',').map((e) => e.trim()).filter((e) => /^[a-z]+$/.test(e)))].sort()
  return editions.length ? editions.join(',') : 'all'
}

/**
 * Run the bundle with its code cache and return its exports.
 * @param file the bundle (cli.cjs)
 * @param part which of its code caches ({@link cachePart})
 * @returns the exports, and `saveCache(editions, steady)`, which writes the code cache when it was missing or
 *   rejected, or made by a build of editions that do not include these, or made by a build of these editions that
 *   filled a store while this one (`steady`) found them all filled
 */
function loadBundle(file, part = 'all') {
  // Note: named by the bundle file's identity too: V8 checks a cache against its source's length only, so a cache
  // that a process still running the bundle before a rebundling writes afterwards must not be found by the new one.
  const stat = statSync(file)
  const identity = [stat.ino, stat.size, Math.round(stat.mtimeMs)].map((n) => n.toString(36)).join('.')
  const cacheFile = `${file}.v8-${process.version}-${part}-${identity}.cache`
  // Note: the bundle is ASCII (asciiOnly): read as Latin-1, a plain copy, not UTF-8 decoding (~3 ms on 2.7 MB).
  const source = readFileSync(file, 'latin1')
  let cachedData
  try {
    cachedData = readFileSync(cacheFile)
  } catch {
    // Note: no cache yet: compiled from the source; the caller saves one after a build.
  }
  // Note: code compiled from a code cache loses its dynamic-import callback on Node 20, so the bundle's one
  // dynamic import (a writer module a project names) goes through this module's import() instead.
  globalThis.ZHIBAN_IMPORT = (specifier) => import(specifier)
  // Note: the file is already wrapped as a CommonJS module (see ensureBundle).
  const script = new vm.Script(source, {filename: file, cachedData})
  const module = new Module(file)
  module.filename = file
  module.paths = Module._nodeModulePaths(path.dirname(file))
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file))
  const stale = !cachedData || script.cachedDataRejected
  return {
    exports: module.exports,
    // Note: made after a build has run, the cache holds the functions that build compiled (and those it found in the
    // cache), not only the top level. A build of some editions compiles only their code: the cache says which
    // editions made it (`.editions` beside it: the editions, then `steady` or `first`), and a build of editions it
    // does not cover writes it again, so the first build after a change being `--only html` does not leave every later
    // whole build compiling the rest. A build that filled one of zhiban's stores (cli.ts `ZHIBAN_STEADY`: it
    // validated a profile or front matter, compiled a template, shaped a text, cut a font subset…) also compiled
    // what only such a build runs: the first build of the same editions that found every store filled makes the
    // cache once more, without those (a whole build's cache 2.6 -> 2.2 MB, ~1.7 ms less to read), and it stays.
    saveCache(editions, steady = false) {
      const made = `${cacheFile}.editions`
      let had
      let wasSteady = false
      try {
        const [list, kind] = readFileSync(made, 'utf8').split('\n')
        had = list.split(',')
        wasSteady = kind === 'steady'
      } catch {
        // Note: no record: the cache is made again.
      }
      const covered = had !== undefined && (had.includes('*') || editions.every((e) => had.includes(e)))
      const same = covered && editions.length > 0 && (editions.includes('*') || had.every((e) => editions.includes(e)))
      const leaner = !stale && same && steady && !wasSteady
      if (!stale && covered && !leaner) return
      try {
        const temp = `${cacheFile}.${process.pid}.tmp`
        writeFileSync(temp, script.createCachedData())
        renameSync(temp, cacheFile)
        writeFileSync(`${made}.${process.pid}.tmp`, `${editions.join(',')}\n${steady ? 'steady' : 'first'}`)
        renameSync(`${made}.${process.pid}.tmp`, made)
      } catch {
        // Note: a cache that cannot be written only costs the next process its compile time.
      }
    },
  }
}

module.exports = {root, bundleDir, asciiOnly, ensureBundle, cachePart, loadBundle, shims}
