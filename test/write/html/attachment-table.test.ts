/**
 * A table inside an attachment in the web edition: a <table> with its <caption> inside the attachment's <section>,
 * tables numbered through the body and then the attachments, the table styles on the page.
 */
import {beforeAll, describe, expect, it} from 'vitest'
import {buildFixture} from './helpers.ts'

let page: string

beforeAll(async () => {
  page = (await buildFixture('gongwen-attachment-table', undefined, {webOnly: true})).files.get('index.html')!
})

const section = (id: string): string => {
  const start = page.indexOf(`<section class="attachment" id="${id}">`)
  expect(start).toBeGreaterThan(0)
  return page.slice(start, page.indexOf('</section>', start))
}

describe('a table inside an attachment in the web edition', () => {
  it('renders the table inside the attachment\'s section, after its label and title, with its caption', () => {
    const first = section('attachment-1')
    expect(first.split('<table>')).toHaveLength(2)
    const order = ['<p class="attachment-label">附件1</p>', '<h2 class="attachment-title">重点任务分工表</h2>', '<caption id="table-2">表2 重点任务分工</caption>', '<th scope="col">重点任务</th>', '<td>开展计量器具专项检查</td>']
    const at = order.map((s) => first.indexOf(s))
    expect(at.every((i) => i >= 0), order.filter((_, i) => at[i]! < 0).join(' | ')).toBe(true)
    expect([...at].sort((a, b) => a - b)).toEqual(at)
    expect(section('attachment-2')).toContain('<caption id="table-3">表3 各局月度统计</caption>')
    // The body's own table stays table-1, outside the attachments.
    expect(page.indexOf('<caption id="table-1">表1 正文中的统计</caption>')).toBeLessThan(page.indexOf('<section class="attachment"'))
  })
})
