/**
 * XML text for the OFD edition's parts: escaping of every string that may come from the source, millimetre numbers
 * written the same way on every machine, and the OFD namespace.
 *
 * Note: the parts are small and fixed in shape, so they are written as strings; an XML library would add a
 * dependency and its own number and attribute-order formatting, which the byte-identical rebuild must control anyway.
 */

/** The namespace of GB/T 33190-2016. */
export const OFD_NS = 'http://www.ofdspec.org/2016'

/** The XML declaration every part starts with. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'

// Characters XML 1.0 cannot carry at all (not even as references): C0 controls bar tab, LF, CR; lone surrogates; U+FFFE/F.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u

// Every character FORBIDDEN may match, with any surrogate: a quick test that clears most strings.
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/

function checked(text: string): string {
  if (!SUSPECT.test(text)) return text
  const bad = FORBIDDEN.exec(text)
  // Note: the source's parser refuses these characters with file, line and column; reaching here is a bug.
  if (bad) throw new Error(`OFD: U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} cannot be written in XML`)
  return text
}

const TEXT_SPECIAL = /[&<>\r]/
const ATTRIBUTE_SPECIAL = /[&<>"'\t\n\r]/

/**
 * Text content, escaped (`&`, `<`, `>`; CR as a reference so it survives line-end normalisation).
 * @param text any string
 */
export function escapeText(text: string): string {
  checked(text)
  if (!TEXT_SPECIAL.test(text)) return text
  return text.replace(/[&<>\r]/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;'})[c]!)
}

/**
 * An attribute value (in double quotes), escaped; tab, LF and CR as references so attribute normalisation keeps them.
 * @param text any string
 */
export function escapeAttribute(text: string): string {
  checked(text)
  if (!ATTRIBUTE_SPECIAL.test(text)) return text
  return text.replace(/[&<>"'\t\n\r]/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;'})[c]!)
}

/** Millimetres in a point. */
export const MM_PER_PT = 25.4 / 72

/**
 * A length in millimetres as OFD writes it: at most 3 decimals (1 µm), no exponent, no `-0`.
 * @param mm millimetres
 */
export function mm(mm: number): string {
  const rounded = Math.round(mm * 1000) / 1000
  return rounded === 0 ? '0' : String(rounded)
}

/**
 * Points to millimetres, written (see {@link mm}).
 * @param pt points
 */
export function ptToMm(pt: number): string {
  return mm(pt * MM_PER_PT)
}

/**
 * An element with attributes (escaped) and already-written content; empty content makes an empty-element tag.
 * @param name qualified name, e.g. `ofd:TextCode`
 * @param attributes attribute values (undefined ones are left out), in the order given
 * @param content the element's content, already XML
 */
export function element(name: string, attributes: Readonly<Record<string, string | number | undefined>>, content = ''): string {
  let out = `<${name}`
  // Note: a number's text (digits, `.`, `-`, `e`, `+`, `Infinity`, `NaN`) needs no escaping.
  for (const key in attributes) {
    const value = attributes[key]
    if (value !== undefined) out += ` ${key}="${typeof value === 'number' ? String(value) : escapeAttribute(value)}"`
  }
  return content === '' ? `${out}/>` : `${out}>${content}</${name}>`
}
