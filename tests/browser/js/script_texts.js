// Returns the text of every <script> element of the page, joined by newlines.
//
// No argument.
() => Array.from(document.scripts).map((s) => s.textContent).join("\n")
