/**
 * The reading order of a tagged PDF, as a reader that follows the structure tree gives it: pdf.js (pdfjs-dist)
 * reads each page's structure tree and the marked content each of its elements points to. Artifacts (page numbers,
 * table rules, a repeated header row) are in no element, so they are not read.
 */
import {getDocument} from 'pdfjs-dist/legacy/build/pdf.mjs'

interface TreeNode {
  role?: string
  type?: string
  id?: string
  children?: TreeNode[]
}

/**
 * The text of a tagged PDF's structure elements in the tree's order, one entry per marked content read.
 * @param bytes the PDF
 */
export async function taggedText(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, useSystemFonts: false}).promise
  const out: string[] = []
  try {
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p)
      const content = await page.getTextContent({includeMarkedContent: true})
      const texts = new Map<string, string>()
      const stack: (string | undefined)[] = []
      for (const item of content.items as {type?: string; id?: string; str?: string}[]) {
        if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') stack.push(item.id ?? undefined)
        else if (item.type === 'endMarkedContent') stack.pop()
        else if (item.str !== undefined) {
          const id = stack.findLast((s) => s !== undefined)
          if (id) texts.set(id, (texts.get(id) ?? '') + item.str)
        }
      }
      const walk = (node: TreeNode): void => {
        if (node.type === 'content' && node.id) out.push(texts.get(node.id) ?? '')
        for (const child of node.children ?? []) walk(child)
      }
      const tree = (await page.getStructTree()) as TreeNode | null
      if (tree) walk(tree)
    }
  } finally {
    await pdf.destroy()
  }
  return out
}
