/**
 * The import graph of `scripts/`: no circle anywhere (an arrow never runs back up), and the layering the
 * README's "How it is built" describes: writers import neither layout nor the orchestrator, machinery does not
 * import commands, layout does not import the build's machinery.
 * Note: own code rather than madge (a dependency of ~40 packages for one check); static imports, `export … from`
 * and `import('…')` with a relative specifier are edges, type-only ones included (they tie the modules together
 * just the same for a reader).
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT} from './root.ts'

const SCRIPTS = path.join(ROOT, 'scripts')

function sources(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sources(full)
    return /\.(ts|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : []
  })
}

const SPECIFIER = /(?:^|[\s;}])(?:import|export)\s[^'";]*?from\s*['"](\.[^'"]+)['"]|(?:^|[\s;}])import\s*['"](\.[^'"]+)['"]|\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/gm

/** Each file of `scripts/` (relative to it) → the files of `scripts/` it imports. */
export function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of sources(SCRIPTS)) {
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
    const targets = new Set<string>()
    for (const match of text.matchAll(SPECIFIER)) {
      const target = path.resolve(path.dirname(file), (match[1] ?? match[2] ?? match[3])!)
      if (target.startsWith(SCRIPTS + path.sep)) targets.add(path.relative(SCRIPTS, target).split(path.sep).join('/'))
    }
    graph.set(path.relative(SCRIPTS, file).split(path.sep).join('/'), [...targets].sort())
  }
  return graph
}

/** The import circles of a graph (Tarjan's strongly connected components of more than one file, or a self-import). */
export function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const out: string[][] = []
  const visit = (node: string): void => {
    index.set(node, next)
    low.set(node, next++)
    stack.push(node)
    onStack.add(node)
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to)
        low.set(node, Math.min(low.get(node)!, low.get(to)!))
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!))
    }
    if (low.get(node) !== index.get(node)) return
    const component: string[] = []
    let member: string
    do {
      member = stack.pop()!
      onStack.delete(member)
      component.push(member)
    } while (member !== node)
    if (component.length > 1 || graph.get(node)?.includes(node)) out.push(component.sort())
  }
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node)
  return out
}

describe('the import graph of scripts/', () => {
  const graph = importGraph()

  it('should be read (the walker finds the edges it must)', () => {
    expect(graph.size).toBeGreaterThan(50)
    expect(graph.get('cli.ts')).toContain('build.ts')
    expect(circles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']])
  })

  it('should have no import circle', () => {
    expect(circles(graph)).toEqual([])
  })

  it('should keep the writers off layout and the orchestrator', () => {
    const bad = [...graph].filter(([file]) => file.startsWith('write/')).flatMap(([file, targets]) => targets.filter((t) => t === 'pipeline.ts' || t === 'typeset/typeset.ts' || t.startsWith('typeset/layout')).map((t) => `${file} → ${t}`))
    expect(bad).toEqual([])
  })

  it('should keep machinery off commands and layout off the build', () => {
    const command = (t: string) => t.startsWith('commands/') || t === 'cli.ts' || t === 'bench.ts'
    const bad = [...graph].flatMap(([file, targets]) =>
      targets
        .filter((t) => (file === 'run/pool.ts' && t === 'build.ts') || (file.startsWith('run/') && command(t)) || (file.startsWith('typeset/') && (t.startsWith('run/') || t === 'build.ts' || t === 'pipeline.ts')))
        .map((t) => `${file} → ${t}`),
    )
    expect(bad).toEqual([])
  })
})
