// Bundled in place of `property-information` (scripts/bundle.cjs; hast-util-to-html and hastscript import it): the
// same exports, but the SVG schema made on first use. Why: the package builds its HTML and its SVG schemas when it
// loads (every attribute of both: ~2 ms of every process that writes the HTML edition, cold), and zhiban's pages hold
// no SVG: hast-util-to-html asks for the SVG schema only inside an `<svg>` element (or for an SVG document), and
// hastscript only in `s()`, which zhiban does not call; then they get the package's own, made then. Only ever bundled: the `property-information/lib/…` paths are resolved by
// bundle.cjs to the package's files (its exports map names only its index).
import {merge} from 'property-information/lib/util/merge.js'
import {aria} from 'property-information/lib/aria.js'
import {html as htmlBase} from 'property-information/lib/html.js'
import {xlink} from 'property-information/lib/xlink.js'
import {xmlns} from 'property-information/lib/xmlns.js'
import {xml} from 'property-information/lib/xml.js'

export {hastToReact} from 'property-information/lib/hast-to-react.js'
export {find} from 'property-information/lib/find.js'
export {normalize} from 'property-information/lib/normalize.js'

export const html = merge([aria, htmlBase, xlink, xmlns, xml], 'html')

let made
/** The package's SVG schema, made (with its module) on first use. */
function svgSchema() {
  // Note: esbuild's require: the package's lib/svg.js, started now.
  made ??= merge([aria, require('property-information/lib/svg.js').svg, xlink, xmlns, xml], 'svg')
  return made
}

/** The SVG schema: every question goes to the package's, made on the first. */
export const svg = new Proxy(
  {},
  {
    get: (_, key) => Reflect.get(svgSchema(), key),
    has: (_, key) => Reflect.has(svgSchema(), key),
    ownKeys: () => Reflect.ownKeys(svgSchema()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(svgSchema(), key)
      return descriptor && {...descriptor, configurable: true}
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(svgSchema()),
  },
)
