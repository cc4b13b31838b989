import {cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadTemplates, TemplateError} from '../scripts/templates.ts'

import {ROOT} from './root.ts'

/** A project with a copy of the templates, one more (`probe/probe.hbs`), and its own compiled-template cache. */
function project(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zhiban-templates-'))
  cpSync(path.join(ROOT, 'templates'), path.join(dir, 'templates'), {recursive: true})
  mkdirSync(path.join(dir, 'templates', 'probe'))
  writeFileSync(path.join(dir, 'templates', 'probe', 'probe.hbs'), '{{title}}，{{cnDate date}}\n')
  return dir
}

const DATA = {title: '关于《方案》的通知', date: '2022-11-10'}

describe('loadTemplates', () => {
  it('should render the same from its compiled-template cache as when it compiles, and compile a changed template again', () => {
    const dir = project()
    const cache = path.join(dir, 'node_modules', '.cache', 'zhiban', 'templates')
    // Note: the compiled templates (`.js`); V8's code cache of one (`.v8`) is kept once it has rendered.
    const specs = (): string[] => readdirSync(cache).filter((n) => n.endsWith('.js')).sort()
    const codes = (): string[] => readdirSync(cache).filter((n) => n.endsWith('.v8')).sort()
    const first = loadTemplates(dir)
    const cached = specs()
    expect(cached.length).toBe(first.names.length)
    expect(codes()).toEqual([])
    const second = loadTemplates(dir)
    expect(specs()).toEqual(cached)
    expect(first.render('probe/probe', DATA)).toBe('关于《方案》的通知，2022年11月10日\n')
    expect(codes()).toHaveLength(1)
    expect(second.render('probe/probe', DATA)).toBe(first.render('probe/probe', DATA))
    expect(() => second.render('probe/probe', {title: 'x'})).toThrow(TemplateError)

    writeFileSync(path.join(dir, 'templates', 'probe', 'probe.hbs'), '{{title}}（改）\n')
    const third = loadTemplates(dir)
    expect(specs().length).toBe(cached.length + 1)
    // Note: a code cache V8 refuses (here one that is not one, for a text this process never compiled) is written again.
    const added = specs().find((n) => !cached.includes(n))!
    const code = path.join(cache, added.replace(/\.js$/, `.${process.version}.v8`))
    writeFileSync(code, 'not a code cache')
    expect(loadTemplates(dir).render('probe/probe', DATA)).toBe('关于《方案》的通知（改）\n')
    expect(readFileSync(code, 'latin1')).not.toBe('not a code cache')
    expect(third.render('probe/probe', DATA)).toBe('关于《方案》的通知（改）\n')
  })

  it('should name the template and line of a syntax error, cache or not', () => {
    const dir = project()
    writeFileSync(path.join(dir, 'templates', 'blocks', 'cover.hbs'), '# {{md title}}\n\n{{#if issuer}}\n')
    for (let i = 0; i < 2; i++) {
      let error: unknown
      try {
        loadTemplates(dir)
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(TemplateError)
      expect((error as TemplateError).file).toBe('templates/blocks/cover.hbs')
    }
  })
})
