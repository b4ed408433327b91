"""Exports: what is on the map written as files, each format in its own module
(`geojson`, `gpkg`, `kml`, `csv`, `shapefile`, `html`, `printmap`); `export`
chooses the format, names the file and adds the provenance.
"""
