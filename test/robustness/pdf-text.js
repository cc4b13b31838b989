// A MuPDF script (`mutool run pdf-text.js a.pdf b.pdf …`): the text of every page of every file, as MuPDF reads it
// from the PDF's text operators and ToUnicode maps, ligature characters kept (mutool's text output expands them).
// Each page starts with a line "\u0001<file index> <page index>"; each text line ends with "\n".
for (var i = 0; i < scriptArgs.length; i++) {
  var doc = new Document(scriptArgs[i])
  var pages = doc.countPages()
  for (var p = 0; p < pages; p++) {
    var out = []
    doc.loadPage(p).toStructuredText('preserve-ligatures,preserve-whitespace').walk({
      onChar: function (c) { out.push(c) },
      endLine: function () { out.push('\n') },
    })
    print('\u0001' + i + ' ' + p)
    print(out.join(''))
  }
}
