/**
 * The web edition's CSS font stacks, rendered from the profile: one place turns a text role's font (its `family`
 * and `alternates`, the names an office's font and its stand-ins have, and its `web` names, which only a web
 * reader's system has) into a `font-family` value, so the page,
 * the fragment and the listing name the same fonts as the DOCX and the PDF, and no template types a stack by hand.
 *
 * A family name comes from a profile, so it is untrusted where it goes: each is written as a CSS string with every
 * character that could end the string, the declaration or the `<style>` element (`"`, `\`, `<`, `>`, `;`, `{`, `}`,
 * line ends and other controls) written as a CSS hexadecimal escape (CSS Syntax Level 3 §4.3.7), so the value
 * names the same font and can never become markup or another rule.
 */
import type {Profile} from '../../profile.ts'

/** The roles the web edition's CSS names a stack for (the custom properties `--zhiban-body`, … of doc-css.hbs). */
export const STACK_ROLES = ['body', 'title', 'heading1', 'heading2'] as const
/** A role of {@link STACK_ROLES}. */
export type StackRole = (typeof STACK_ROLES)[number]

/**
 * What ends each stack when the reader has none of the names: the generic family of the role's kind of face
 * (仿宋 and 小标宋 are serif faces, 黑体 a sans-serif one); 楷体 falls back to the body's whole stack, as a reader
 * without a 楷体 would rather see the body's face than the browser's default.
 */
const FALLBACK: Readonly<Record<StackRole, string>> = {body: 'serif', title: 'serif', heading1: 'sans-serif', heading2: 'var(--zhiban-body)'}

/** The rendered stacks, by role. */
export type FontStacks = Readonly<Record<StackRole, string>>

/** Characters written as a hexadecimal escape inside a CSS string. */
const UNSAFE = /["\\<>;{}\p{Cc}\u2028\u2029]/gu

/**
 * A name as a CSS string: quoted, each unsafe character escaped.
 * @param name a font family name (untrusted)
 * @throws Error when the name is empty (a `font-family` entry must name something)
 */
export function cssString(name: string): string {
  if (name.trim() === '') throw new Error('cssString: an empty font family name')
  return `"${name.replace(UNSAFE, (char) => `\\${char.codePointAt(0)!.toString(16)} `)}"`
}

/**
 * One role's stack: its font's family, then its alternates and its web-only names (each once, in the profile's
 * order), then the web font when the page carries one, then the role's fallback.
 * @param profile the profile of the web edition
 * @param role the text role
 * @param webfont the self-hosted web font's family (profile `html.webfont: subset`), or none
 * @throws Error when the role's font is not in the profile's `fonts` (the profile schema refuses that already)
 */
export function cssFontStack(profile: Pick<Profile, 'fonts' | 'roles'>, role: StackRole, webfont?: string): string {
  const key = profile.roles[role].font
  const font = profile.fonts[key]
  if (!font) throw new Error(`cssFontStack: the ${role} role's font \`${key}\` is not in the profile's fonts`)
  const names = [...new Set([font.family, ...font.alternates, ...font.web])]
  // Note: 楷体's fallback is the body's stack, which names the web font already.
  if (webfont !== undefined && role !== 'heading2') names.push(webfont)
  return [...names.map(cssString), FALLBACK[role]].join(', ')
}

/**
 * Every role's stack, for the templates (`fonts.body`, … in doc-css.hbs, page-css.hbs and listing.hbs).
 * @param profile the profile of the web edition
 * @param webfont the self-hosted web font's family, or none
 */
export function cssFontStacks(profile: Pick<Profile, 'fonts' | 'roles'>, webfont?: string): FontStacks {
  return Object.fromEntries(STACK_ROLES.map((role) => [role, cssFontStack(profile, role, webfont)])) as Record<StackRole, string>
}
