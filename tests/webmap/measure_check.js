// Runs the measuring tool's geodesic maths (geo/webmap/js/measure.js, window.dcGeodesic) outside a
// browser, on paths and rings given by tests/webmap/test_measure.py, which compares the answers
// with pyproj's Geod (geo/measure.py).
//
// Expects from Python: node measure_check.js <path of measure.js>, with one JSON object on stdin:
// {"paths": [[[lat, lng], ...], ...], "rings": [[[lat, lng], ...], ...]}.
// Prints one JSON object: {"lengths": [metres, ...], "areas": [square metres, ...]}.
"use strict";

const fs = require("fs");
const vm = require("vm");

const context = {window: {}, Math: Math};
vm.runInNewContext(fs.readFileSync(process.argv[2], "utf8"), context);
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const geodesic = context.window.dcGeodesic;
process.stdout.write(
    JSON.stringify({
        lengths: input.paths.map((path) => geodesic.length(path)),
        areas: input.rings.map((ring) => geodesic.area(ring)),
    }) + "\n"
);
