import {describe, expect, it} from 'vitest'
import {cssFontStack, cssFontStacks, cssString} from '../../../scripts/write/html/font-stack.ts'
import {loadProfile} from '../../../scripts/profile.ts'
import {ROOT} from './helpers.ts'

const official = await loadProfile('official', ROOT)

describe('the CSS font stacks', () => {
  it('should name each role font\'s family, alternates and web names from the profile, then the fallback', () => {
    const {family, alternates, web} = official.fonts[official.roles.heading1.font]!
    expect(web.length).toBeGreaterThan(0)
    expect(cssFontStack(official, 'heading1')).toBe([family, ...alternates, ...web].map((name) => `"${name}"`).join(', ') + ', sans-serif')
    expect(cssFontStack(official, 'heading2').endsWith(', var(--zhiban-body)')).toBe(true)
    expect(cssFontStack(official, 'body').endsWith(', serif')).toBe(true)
  })

  it('should put the web font before the fallback, except where the fallback is the body stack', () => {
    const stacks = cssFontStacks(official, 'zhiban-web')
    expect(stacks.body.endsWith(', "zhiban-web", serif')).toBe(true)
    expect(stacks.heading1.endsWith(', "zhiban-web", sans-serif')).toBe(true)
    expect(stacks.heading2).not.toContain('zhiban-web')
  })

  it('should escape every character that could leave the string, the rule or the style element', () => {
    const hostile = 'A"B\\C<D>E;F{G}H\nI\rJ\u0000K'
    const css = cssString(hostile)
    expect(css).toBe('"A\\22 B\\5c C\\3c D\\3e E\\3b F\\7b G\\7d H\\a I\\d J\\0 K"')
    expect(css.slice(1, -1)).not.toMatch(/["<>;{}\n\r\\](?![0-9a-f]{1,6} )/)
    const profile = {...official, fonts: {...official.fonts, body: {...official.fonts.body!, family: '仿宋"; } body { color: red } </style><script>'}}}
    const stack = cssFontStack(profile, 'body')
    expect(stack).not.toContain('</style')
    expect(stack).not.toContain('"; }')
    expect(stack.startsWith('"仿宋\\22 \\3b  \\7d  body \\7b  color: red \\7d  \\3c /style\\3e \\3c script\\3e "')).toBe(true)
  })

  it('should refuse an empty name and a role whose font the profile lacks', () => {
    expect(() => cssString(' ')).toThrow(/empty/)
    expect(() => cssFontStack({...official, roles: {...official.roles, body: {...official.roles.body, font: 'nope'}}}, 'body')).toThrow(/`nope`/)
  })
})
