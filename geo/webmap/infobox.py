"""The one piece of JavaScript that puts a feature's attributes on the page.

Used by the tooltips and popups of small layers (geo.webmap) and by the
canvas layer (geo.webmap.canvas). Every label and value is set with
`textContent`: nothing from data can become markup.
"""

#: Defines `window.dcInfoBox(title, fields, labels, values, get)` once per page;
#: `get(field)` returns the feature's value, `values` translates vocabularies.
INFO_BOX_JS = r"""
if (!window.dcInfoBox) {
window.dcInfoBox = function(title, fields, labels, values, get) {
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
"""
