// Remove the rules of a stylesheet that no page of the site can use (PurgeCSS, pinned in package.json).
// Called by stylesheets.py with a JSON request on stdin:
//   {"css": "<stylesheet text>", "pages": ["<html>", ...], "files": ["<path>", ...], "safelist": ["<regex>", ...]}
// and writes the pruned stylesheet's text to stdout. A selector is kept when every class, id and element name in
// it occurs as a word in the pages' HTML or in the files (the scripts that add classes at run time);
// @font-face and @keyframes rules are kept only when a kept rule uses them.
const { PurgeCSS } = require("purgecss");

let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", async () => {
  const request = JSON.parse(input);
  const [result] = await new PurgeCSS().purge({
    css: [{ raw: request.css }],
    content: [...request.files, ...request.pages.map((raw) => ({ raw, extension: "html" }))],
    fontFace: true,
    keyframes: true,
    variables: false, // custom properties are cheap, and scripts may read them
    safelist: { standard: request.safelist.map((source) => new RegExp(source)) },
  });
  process.stdout.write(result.css);
});
