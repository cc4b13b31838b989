/**
 * The closed catalogue of diagnostics: every rule id zhiban reports, its severity and its note.
 *
 * Note: this is the only list of rule ids and severities (as pandoc's `messageVerbosity` is);
 * the README's "Diagnostics" section documents each id under the anchor named here.
 */

/** How bad a rule is: `fatal` stops the build of the document, `warning` only under `--frail`. */
export type Severity = 'fatal' | 'warning'

/** One catalogue entry. */
export interface Rule {
  severity: Severity
  /** What the user should do, shown under the message. */
  note: string
}

/** Every rule, by id (kebab-case nouns). */
export const RULES = {
  'frontmatter-missing': {severity: 'fatal', note: 'Start the file with a `---` YAML block holding title, issuer, date and kind.'},
  'frontmatter-yaml': {severity: 'fatal', note: 'Fix the YAML syntax at the place shown.'},
  'frontmatter-invalid': {severity: 'fatal', note: 'See the README section "The source format" for every field and its type.'},
  'encoding': {severity: 'fatal', note: 'Save the source as UTF-8.'},
  'body-empty': {severity: 'fatal', note: 'Write the lead paragraph and the questions after the front matter.'},
  'unknown-node': {severity: 'fatal', note: 'The editions cannot render this Markdown construct; write it as plain paragraphs or headings.'},
  'heading-form': {severity: 'fatal', note: 'Headings are `##` (一、) to `#####` (（1）); the title belongs in the front matter.'},
  'link-protocol': {severity: 'fatal', note: 'Links must be http(s) or mailto.'},
  'missing-glyph': {severity: 'fatal', note: 'Add a font that covers the character to the profile, or change the character.'},
  'unbreakable-overflow': {severity: 'warning', note: 'A run with no legal break is longer than a line; it was broken at the measure.'},
  'profile-invalid': {severity: 'fatal', note: 'See templates/profiles/official.yaml for a valid profile.'},
  'font-invalid': {severity: 'fatal', note: 'Point the profile key at an existing TrueType/OpenType font file.'},
  'template-invalid': {severity: 'fatal', note: 'Fix the Handlebars template at the line shown.'},
  'control-character': {severity: 'fatal', note: 'Delete the character: U+0000, other control characters and unpaired surrogates are not text.'},
  'bidi-control': {severity: 'warning', note: 'Delete the bidirectional control: it reorders what readers see without changing the text (a “Trojan source” risk); the PDF editions cannot draw it (missing-glyph).'},
  'slug-invalid': {severity: 'fatal', note: 'Rename the source file: letters, digits, `-` and `_` only, starting with a letter or digit, ending in `.md`.'},
  'slug-duplicate': {severity: 'fatal', note: 'Rename one of the source files: the slug (the file name without `.md`) names the output folder, so every source built together needs its own (differing in more than letter case).'},
  'path-outside': {severity: 'fatal', note: 'Keep sources, fonts and outputs inside the project (or pass an outside path on the command line on purpose).'},
  'unbalanced-brackets': {severity: 'warning', note: 'Close every 《》, “”, ‘’, （）, 【】, 〈〉, 「」 and 『』 in the same paragraph.'},
  'halfwidth-punctuation': {severity: 'warning', note: 'Use full-width punctuation in Chinese text: ，。：；！？（）.'},
  'space-between-cjk': {severity: 'warning', note: 'Delete the space: Chinese text is set without spaces between characters.'},
  'attachment-form': {severity: 'fatal', note: 'Attachments are `:::attachment{title="名称"}`, their text, then `:::`, after the body of a 公文 (README "The 公文 keys").'},
  'dash-mix': {severity: 'warning', note: 'Write every dash as `——` (two U+2014) and every range as `—` (U+2014), not `－` or `–`.'},
} as const satisfies Record<string, Rule>

/** A rule id of the catalogue. */
export type RuleId = keyof typeof RULES
