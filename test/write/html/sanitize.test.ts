import {describe, expect, it} from 'vitest'
import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import type {Root} from 'hast'
import {sanitize} from '../../../scripts/write/html/sanitize.ts'

const root = (...children: Root['children']): Root => ({type: 'root', children})

describe('sanitize', () => {
  it('should drop script and style elements with their content', () => {
    const tree = root(h('p', ['前', h('script', 'alert(1)'), h('style', 'p{}'), '后']))
    expect(toHtml(sanitize(tree, ''))).toBe('<p>前后</p>')
  })

  it('should drop event handler and style attributes', () => {
    const tree = root(h('p', {onClick: 'alert(1)', style: 'color:red'}, [h('span.lead', {onMouseOver: 'x'}, '答：')]))
    expect(toHtml(sanitize(tree, ''))).toBe('<p><span class="lead">答：</span></p>')
  })

  it('should keep http(s), mailto and fragment links and drop every other href', () => {
    const links = ['https://a.example/', 'http://a.example/', 'mailto:a@example.org', '#q1', 'javascript:alert(1)', 'data:text/html,x', 'x.pdf', '//evil.example/']
    const tree = root(...links.map((href) => h('a', {href}, 't')))
    expect(toHtml(sanitize(tree, ''))).toBe('<a href="https://a.example/">t</a><a href="http://a.example/">t</a><a href="mailto:a@example.org">t</a><a href="#q1">t</a><a>t</a><a>t</a><a>t</a><a>t</a>')
  })

  it('should keep only ids with the prefix', () => {
    const tree = root(h('h2', {id: 'zhiban-x-q1'}, '一'), h('h2', {id: 'q2'}, '二'))
    expect(toHtml(sanitize(tree, 'zhiban-x-'))).toBe('<h2 id="zhiban-x-q1">一</h2><h2>二</h2>')
  })

  it('should unwrap an element not on the list and keep its text', () => {
    const tree = root(h('p', [h('img', {src: 'x', onError: 'alert(1)'}), h('b', '粗'), h('iframe', {src: 'https://x'}, '框')]))
    expect(toHtml(sanitize(tree, ''))).toBe('<p>粗框</p>')
  })
})
