import {cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync} from 'node:fs'
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
    const first = loadTemplates(dir)
    const cached = readdirSync(cache).sort()
    expect(cached.length).toBe(first.names.length)
    const second = loadTemplates(dir)
    expect(readdirSync(cache).sort()).toEqual(cached)
    expect(first.render('probe/probe', DATA)).toBe('关于《方案》的通知，2022年11月10日\n')
    expect(second.render('probe/probe', DATA)).toBe(first.render('probe/probe', DATA))
    expect(() => second.render('probe/probe', {title: 'x'})).toThrow(TemplateError)

    writeFileSync(path.join(dir, 'templates', 'probe', 'probe.hbs'), '{{title}}（改）\n')
    const third = loadTemplates(dir)
    expect(readdirSync(cache).length).toBe(cached.length + 1)
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
