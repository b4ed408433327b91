// Runs the time filter's predicate (geo/webmap/js/timefilter.js, window.dcTimeMarks) outside a
// browser, on periods and months given by tests/webmap/test_timefilter.py, which compares what
// the map would draw with what geo.timeline says.
//
// Expects from Python: node timefilter_check.js <path of timefilter.js>, with one JSON object on
// stdin: {"times": {<name>: {from: [...], to: [...], dated: [...]}}, "states": [<state>, ...]}
// (as geo.webmap.timefilter.periods and as_of_state make them).
// Prints one JSON object: {<name>: [<one mark per feature: 0, 1 or 2>, one list per state]}.
"use strict";

const fs = require("fs");
const vm = require("vm");

const context = {window: {}};
vm.runInNewContext(fs.readFileSync(process.argv[2], "utf8"), context);
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const out = {};
for (const [name, time] of Object.entries(input.times)) {
    out[name] = input.states.map((state) => {
        const marks = new Uint8Array(time.dated.length).fill(1);
        context.window.dcTimeMarks(time, state, marks);
        return Array.from(marks);
    });
}
process.stdout.write(JSON.stringify(out) + "\n");
