// The setup step of `npm test` (package.json `pretest`): the tests drive real clients — mutool and pdftotext read
// the PDFs' text, LibreOffice opens the DOCX, Chromium renders the HTML, Java runs the Nu Html Checker — and a
// newcomer's machine has none of them. This finds the missing ones and, as root with apt-get, installs them from
// Debian's packages (`apt-get update` once, then the packages) after saying so in one line; otherwise it stops and
// prints the exact command to run. Plain Node, no dependency: it runs before anything is compiled.
import {spawnSync} from 'node:child_process'
import {accessSync, constants} from 'node:fs'
import {delimiter, join} from 'node:path'

/** Each client the tests use: how to find it, and the Debian package that brings it. */
const CLIENTS = [
  {what: 'mutool', find: () => onPath('mutool'), pkg: 'mupdf-tools'},
  {what: 'pdftotext', find: () => onPath('pdftotext'), pkg: 'poppler-utils'},
  {what: 'soffice', find: () => onPath('soffice'), pkg: 'libreoffice-writer-nogui'},
  // playwright-core launches Debian's build at this path (test/write/html/helpers.ts).
  {what: 'chromium', find: () => executable('/usr/bin/chromium'), pkg: 'chromium'},
  {what: 'java', find: () => onPath('java'), pkg: 'default-jre-headless'},
]

function executable(file) {
  try {
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

function onPath(name) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && executable(join(dir, name)))
}

function run(command, args) {
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'},
  })
  if (result.status !== 0) {
    console.error(`test setup: \`${[command, ...args].join(' ')}\` failed (exit ${result.status ?? result.signal})`)
    process.exit(1)
  }
}

const missing = CLIENTS.filter((client) => !client.find())
if (missing.length > 0) {
  const packages = missing.map((client) => client.pkg)
  const install = ['install', '-y', '-qq', '--no-install-recommends', ...packages]
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (!isRoot || !onPath('apt-get')) {
    console.error(
      `test setup: the tests need ${missing.map((client) => client.what).join(', ')}; install them, then run npm test again:\n` +
        `  sudo apt-get update && sudo apt-get ${install.filter((a) => a !== '-qq').join(' ')}`,
    )
    process.exit(1)
  }
  console.log(`test setup: installing ${packages.join(' ')} from Debian's packages (for ${missing.map((c) => c.what).join(', ')})`)
  run('apt-get', ['update', '-qq'])
  run('apt-get', install)
  const still = CLIENTS.filter((client) => !client.find())
  if (still.length > 0) {
    console.error(`test setup: still missing after the install: ${still.map((client) => client.what).join(', ')}`)
    process.exit(1)
  }
}
