// The one piece of JavaScript that puts a feature's attributes on the page.
//
// Defines window.dcInfoBox(title, fields, labels, values, get) once per page. It returns a
// <div class="dc-info"> holding the title and one table row per field that has a value:
// get(field) returns the feature's raw value, labels[field] the field's label and
// values[field][raw] a translated value (vocabularies). Every label and value is set with
// textContent: nothing from data can become markup.
//
// Expects from Python: nothing; the data comes as arguments from featureinfo.js (small
// layers' tooltips and popups) and canvaslayer.js (big layers' popups), inlined after it.

if (!window.dcInfoBox) {
    window.dcInfoBox = function (title, fields, labels, values, get) {
        const box = document.createElement("div");
        box.className = "dc-info";
        const head = document.createElement("div");
        head.className = "dc-info-title";
        head.textContent = title;
        box.appendChild(head);
        const table = document.createElement("table");
        for (const field of fields) {
            const raw = get(field);
            if (raw === null || raw === undefined || raw === "") continue;
            const shown = (values[field] || {})[String(raw)];
            const row = table.insertRow();
            const th = document.createElement("th");
            th.textContent = labels[field] || field;
            const td = document.createElement("td");
            td.textContent = shown !== undefined ? shown : String(raw);
            row.appendChild(th);
            row.appendChild(td);
        }
        box.appendChild(table);
        return box;
    };
}
