"""The Leaflet map: layers composed, styled and drawn (small layers as GeoJSON,
big ones on the project's canvas layer), with legend, attribution and info boxes.
Its JavaScript and CSS are real files in `js/` and `css/`.
"""
