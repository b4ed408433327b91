// Checks that each file named on the command line is one JavaScript function, written as
// Playwright's page.evaluate() and page.wait_for_function() take it: the snippets of the browser
// tests (tests/browser/js) and of the benchmark (bench/js).
//
// A file passes when
// - evaluated as a script, as Playwright evaluates its text, its value is a function (a leading
//   comment is fine; a `function name() {}` declaration is not: as a statement it has no value);
// - its text is a single expression: `return (<text>)` compiles (no second statement, no `;`).
//
// Expects from Python (tests/webmap/test_js.py): node snippet_shape.js <file>...
// Prints one JSON object: {"<file>": null when it passes, else what is wrong}.
"use strict";

const fs = require("fs");
const vm = require("vm");

function problem(text) {
    let value;
    try {
        value = vm.runInNewContext(text);
    } catch (error) {
        return "does not evaluate: " + error.message;
    }
    if (typeof value !== "function") return "evaluates to " + typeof value + ", not to a function";
    try {
        new Function("return (" + text + "\n);");
    } catch (error) {
        return "is not one expression: " + error.message;
    }
    return null;
}

const problems = {};
for (const path of process.argv.slice(2)) problems[path] = problem(fs.readFileSync(path, "utf8"));
process.stdout.write(JSON.stringify(problems) + "\n");
