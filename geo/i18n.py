"""The one translation table. Spanish is the default; English is complete too.

>>> t("app.title", "en")
'Darién corridor map'
>>> t("no.such.key", "es")
'no.such.key'
>>> label("mode", "river_boat", "es")
'lancha fluvial'
"""

from __future__ import annotations

LANGUAGES = ("es", "en")
DEFAULT_LANGUAGE = "es"

TEXT: dict[str, dict[str, str]] = {
    # app chrome
    "app.title": {"es": "Mapa del corredor del Darién", "en": "Darién corridor map"},
    "app.subtitle": {
        "es": "Rutas migratorias, Parque Nacional Darién, zonas de patrullaje y comunidades receptoras entre Colombia y Panamá.",
        "en": "Migration routes, Darién National Park, patrol zones and reception communities between Colombia and Panama.",
    },
    "app.language": {"es": "Idioma", "en": "Language"},
    "app.basemap": {"es": "Mapa base", "en": "Base map"},
    "app.basemap_help": {
        "es": "El mapa base sin conexión usa los datos vectoriales incluidos. Los mapas en línea necesitan internet.",
        "en": "The offline base map uses the bundled vector data. Online maps need internet.",
    },
    "app.mission_layers": {"es": "Capas del corredor", "en": "Corridor layers"},
    "app.context_layers": {"es": "Capas de contexto", "en": "Context layers"},
    "app.download": {"es": "Descargar GeoJSON", "en": "Download GeoJSON"},
    "app.download_all": {"es": "Todas las capas visibles", "en": "All visible layers"},
    "app.download_one": {"es": "Una capa", "en": "One layer"},
    "app.download_layer": {"es": "Descargar {layer}", "en": "Download {layer}"},
    "app.no_visible_layers": {
        "es": "No hay capas visibles: active al menos una para descargar.",
        "en": "No layers are visible: switch at least one on to download.",
    },
    "app.features": {"es": "{n} elementos", "en": "{n} features"},
    "app.caveats": {"es": "Lo que es aproximado o ilustrativo", "en": "What is approximate or illustrative"},
    "app.sources": {"es": "Fuentes y licencias", "en": "Sources and licences"},
    "app.attribution": {"es": "Atribución de lo que se muestra", "en": "Attribution of what is shown"},
    "app.open_ended": {"es": "abierto", "en": "open"},
    "app.error": {"es": "No se pudo completar: {message}", "en": "Could not complete: {message}"},
    "app.crossings": {
        "es": "Cruces irregulares reportados del Darién",
        "en": "Reported irregular crossings of the Darién",
    },
    "app.crossings_source": {
        "es": "Cifras del Servicio Nacional de Migración y del Ministerio de Seguridad Pública de Panamá citadas por la prensa; cada cifra con su fuente y las discrepancias anotadas en la tabla.",
        "en": "Figures of Panama's Servicio Nacional de Migración and Ministry of Public Security as quoted in the press; each figure with its source and conflicts noted in the table.",
    },
    "app.crossings_table": {"es": "Cifras, fuentes y discrepancias", "en": "Figures, sources and conflicts"},
    "app.year": {"es": "Año", "en": "Year"},
    "app.crossings_count": {"es": "Cruces", "en": "Crossings"},
    # import
    "import.heading": {"es": "Cargar sus propias capas", "en": "Load your own layers"},
    "import.help": {
        "es": "GeoJSON, GeoPackage, Shapefile comprimido (.zip), KML/KMZ, GPX o CSV con columnas de latitud/longitud o WKT. Los datos quedan solo en su sesión.",
        "en": "GeoJSON, GeoPackage, zipped Shapefile, KML/KMZ, GPX, or CSV with latitude/longitude or WKT columns. The data stays in your session only.",
    },
    "import.file": {"es": "Archivo", "en": "File"},
    "import.format": {"es": "Formato detectado: {format}", "en": "Detected format: {format}"},
    "import.layer": {"es": "Capa del archivo", "en": "Layer in the file"},
    "import.lon": {"es": "Columna de longitud", "en": "Longitude column"},
    "import.lat": {"es": "Columna de latitud", "en": "Latitude column"},
    "import.wkt": {"es": "Columna WKT", "en": "WKT column"},
    "import.none": {"es": "(ninguna)", "en": "(none)"},
    "import.crs": {
        "es": "Sistema de referencia (p. ej. EPSG:32617)",
        "en": "Coordinate reference system (e.g. EPSG:32617)",
    },
    "import.crs_help": {
        "es": "Solo si el archivo no declara uno. Nunca se adivina.",
        "en": "Only when the file declares none. It is never guessed.",
    },
    "import.name": {"es": "Nombre de la capa", "en": "Layer name"},
    "import.confidence": {
        "es": "Confianza de los datos (si el archivo no la indica)",
        "en": "Confidence of the data (where the file gives none)",
    },
    "import.replaces": {"es": "Reemplaza a la capa", "en": "Takes the place of"},
    "import.replaces_none": {"es": "(ninguna: capa adicional)", "en": "(none: an extra layer)"},
    "import.swap": {"es": "Intercambiar latitud y longitud", "en": "Swap latitude and longitude"},
    "import.repair": {"es": "Reparar geometrías", "en": "Repair geometries"},
    "import.repair_help": {
        "es": "Hace válidas las geometrías inválidas y convierte las colecciones; el informe muestra qué cambia.",
        "en": "Makes invalid geometries valid and converts collections; the report shows what changes.",
    },
    "import.leave_out": {"es": "Dejar fuera los elementos que bloquean", "en": "Leave out the blocking features"},
    "import.report": {"es": "Informe de validación", "en": "Validation report"},
    "import.by_feature": {"es": "Elemento por elemento", "en": "Feature by feature"},
    "import.changes": {"es": "Lo que cambia la reparación", "en": "What the repair changes"},
    "import.add": {"es": "Añadir al mapa", "en": "Add to the map"},
    "import.cancel": {"es": "Cancelar", "en": "Cancel"},
    "import.added": {"es": "Capa añadida: {name} ({n} elementos).", "en": "Layer added: {name} ({n} features)."},
    "import.no_problems": {"es": "No se encontró ningún problema.", "en": "No problem was found."},
    "import.blocked": {
        "es": "Resuelva lo que bloquea (o déjelo fuera) antes de añadir la capa.",
        "en": "Resolve what blocks (or leave it out) before adding the layer.",
    },
    "import.your_layers": {"es": "Sus capas", "en": "Your layers"},
    "import.remove": {"es": "Quitar {name}", "en": "Remove {name}"},
    # Errors a user can cause (geo.errors: raised with key=...). English as the command line shows it.
    "error.too_big": {
        "es": "el archivo pesa {size} MB; se aceptan como máximo {limit} MB",
        "en": "the file is {size} MB; at most {limit} MB are accepted",
    },
    "error.unknown_crs": {
        "es": "{crs!r} no es un sistema de referencia de coordenadas que esta herramienta conozca",
        "en": "{crs!r} is not a coordinate reference system this tool knows",
    },
    "error.nothing_drawable": {
        "es": "ningún elemento del archivo tiene una geometría que se pueda dibujar",
        "en": "no feature of the file has a geometry that can be drawn",
    },
    "error.confidence_choice": {
        "es": "la confianza debe ser una de: {levels}",
        "en": "confidence must be one of {levels}",
    },
    "error.confidence_values": {
        "es": "{count} elemento(s) tienen una confianza fuera de {levels}; cambie el nombre de ese atributo en el "
        "archivo o corrija sus valores",
        "en": "{count} feature(s) have a confidence outside {levels}; rename that attribute in the file or fix its values",
    },
    "error.csv_no_header": {
        "es": "el archivo CSV no tiene fila de encabezados",
        "en": "the CSV file has no header row",
    },
    "error.csv_unreadable": {
        "es": "el archivo CSV no se puede leer más allá de la línea {line}: {reason}",
        "en": "the CSV file cannot be read past line {line}: {reason}",
    },
    "error.csv_no_columns": {
        "es": "no se reconoció ninguna columna de longitud/latitud ni de WKT; elija las columnas",
        "en": "no longitude/latitude or WKT column was recognised; choose the columns",
    },
    "error.csv_no_column": {
        "es": "el archivo CSV no tiene la columna {column!r}",
        "en": "the CSV file has no column {column!r}",
    },
    "error.no_such_layer": {
        "es": "el archivo no tiene la capa {wanted!r}; sus capas son: {layers}",
        "en": "the file has no layer {wanted!r}; its layers are: {layers}",
    },
    "error.no_layer": {"es": "el archivo no contiene ninguna capa", "en": "the file holds no layer"},
    "error.choose_layer": {
        "es": "el archivo contiene {count} capas; elija una: {layers}",
        "en": "the file holds {count} layers; choose one: {layers}",
    },
    "error.json_too_deep": {
        "es": "el JSON está anidado a demasiada profundidad para ser GeoJSON",
        "en": "the JSON is nested too deeply to be GeoJSON",
    },
    "error.json_invalid": {
        "es": "el archivo no es JSON válido ({reason})",
        "en": "the file is not valid JSON ({reason})",
    },
    "error.json_not_geojson": {
        "es": "el JSON no es un objeto GeoJSON (se esperaba una FeatureCollection, un Feature o una geometría)",
        "en": "the JSON is not a GeoJSON object (expected a FeatureCollection, Feature or geometry)",
    },
    "error.json_no_features": {
        "es": "la FeatureCollection no tiene una lista de elementos (features)",
        "en": "the FeatureCollection has no list of features",
    },
    "error.json_wrong_type": {
        "es": "el JSON tiene el tipo {kind!r}, que no es GeoJSON",
        "en": "the JSON has type {kind!r}, which is not GeoJSON",
    },
    "error.shp_missing_parts": {
        "es": "al shapefile {name!r} le faltan sus partes {parts}",
        "en": "the shapefile {name!r} lacks its {parts} part(s)",
    },
    "error.shp_none": {
        "es": "el archivo zip no contiene ningún shapefile (.shp)",
        "en": "the zip archive holds no shapefile (.shp)",
    },
    "error.kmz_no_doc": {
        "es": "el archivo KMZ contiene {count} documentos KML y ninguno es doc.kml",
        "en": "the KMZ archive holds {count} KML documents and none is doc.kml",
    },
    "error.empty": {"es": "el archivo está vacío", "en": "the file is empty"},
    "error.sqlite_not_gpkg": {
        "es": "el archivo es una base de datos SQLite pero no un GeoPackage",
        "en": "the file is an SQLite database but not a GeoPackage",
    },
    "error.binary_unknown": {
        "es": "el archivo es binario y no está en un formato que esta herramienta lea (GeoJSON, GeoPackage, "
        "Shapefile en zip, KML/KMZ, GPX o CSV)",
        "en": "the file is binary and not a format this tool reads (GeoJSON, GeoPackage, zipped Shapefile, KML/KMZ, "
        "GPX or CSV)",
    },
    "error.zip_unknown": {
        "es": "el archivo zip no contiene ni un Shapefile (.shp) ni un documento KML",
        "en": "the zip archive holds neither a Shapefile (.shp) nor a KML document",
    },
    "error.xml_unknown": {
        "es": "el archivo es XML con una raíz <{root}>, que no es ni KML ni GPX",
        "en": "the file is XML with a <{root}> root, which is neither KML nor GPX",
    },
    "error.xml_entities": {
        "es": "el archivo XML declara un DOCTYPE o entidades, que KML y GPX nunca necesitan; se rechazó para evitar "
        "ataques de expansión de entidades",
        "en": "the XML file declares a DOCTYPE or entities, which KML and GPX never need; it was refused to avoid "
        "entity-expansion attacks",
    },
    "error.zip_unreadable": {
        "es": "el archivo no se puede leer como zip ({reason})",
        "en": "the archive cannot be read as a zip file ({reason})",
    },
    "error.zip_too_many": {
        "es": "el archivo comprimido tiene {count} entradas; se aceptan como máximo {limit}",
        "en": "the archive has {count} entries; at most {limit} are accepted",
    },
    "error.zip_too_large": {
        "es": "el archivo comprimido ocuparía {size} MB al descomprimirlo; se aceptan como máximo {limit} MB",
        "en": "the archive would expand to {size} MB; at most {limit} MB are accepted",
    },
    "error.zip_encrypted": {
        "es": "la entrada {name!r} del archivo comprimido está cifrada",
        "en": "the archive entry {name!r} is encrypted",
    },
    "error.zip_bomb": {
        "es": "la entrada {name!r} del archivo comprimido está comprimida más de {ratio}:1, que es como se hacen las "
        "bombas de descompresión; no se abrió",
        "en": "the archive entry {name!r} is compressed more than {ratio}:1, which is how archive bombs are made; it was "
        "not opened",
    },
    "error.zip_size_mismatch": {
        "es": "la entrada {name!r} del archivo comprimido no tiene el tamaño que declara su cabecera",
        "en": "the archive entry {name!r} is not the size its header declares",
    },
    "error.zip_absolute": {
        "es": "la entrada {name!r} del archivo comprimido tiene una ruta absoluta o de Windows; no se abrió",
        "en": "the archive entry {name!r} has an absolute or Windows path; it was not opened",
    },
    "error.zip_outside": {
        "es": "la entrada {name!r} del archivo comprimido apunta fuera del archivo; no se abrió",
        "en": "the archive entry {name!r} points outside the archive; it was not opened",
    },
    "error.zip_control": {
        "es": "el nombre de una entrada del archivo comprimido contiene caracteres de control; no se abrió",
        "en": "an archive entry name contains control characters; it was not opened",
    },
    "error.wrong_driver": {
        "es": "el archivo se reconoció como {found}, no como {expected}",
        "en": "the file was recognised as {found}, not {expected}",
    },
    "error.no_driver": {
        "es": "GDAL no reconoce el archivo como nada que sepa leer; se esperaba {expected}",
        "en": "the file was recognised as nothing GDAL reads, not {expected}",
    },
    "error.too_slow": {
        "es": "leer el archivo tardó más de {seconds} s y se detuvo",
        "en": "reading the file took longer than {seconds} s and was stopped",
    },
    "error.too_much_memory": {
        "es": "leer el archivo necesitó más de {mb} MB de memoria y se detuvo",
        "en": "reading the file needed more than {mb} MB of memory and was stopped",
    },
    "error.too_much_cpu": {
        "es": "leer el archivo usó más de {seconds} s de CPU y se detuvo",
        "en": "reading the file used more than {seconds} s of CPU and was stopped",
    },
    "error.reader_stopped": {
        "es": "no se pudo leer el archivo (el lector se detuvo de forma inesperada)",
        "en": "the file could not be read (the reader stopped unexpectedly)",
    },
    "error.drawn_area_too_small": {
        "es": "dibuje un área de al menos 3 vértices en el mapa",
        "en": "draw an area of at least 3 vertices on the map",
    },
    "error.drawn_area_invalid": {
        "es": "el área dibujada se cruza a sí misma o no encierra ninguna superficie; bórrela y dibújela de nuevo sin cruzar sus lados",
        "en": "the drawn area crosses itself or encloses no surface; clear it and draw it again without crossing its sides",
    },
    "error.view_unknown": {
        "es": "la vista del mapa aún no se conoce; mueva o acerque el mapa una vez",
        "en": "the map's view is not known yet; pan or zoom the map once",
    },
    "error.layer_not_visible": {
        "es": "la capa {layer!r} no está visible",
        "en": "the layer {layer!r} is not visible",
    },
    "error.too_deep": {
        "es": "el archivo está anidado a demasiada profundidad para leerlo",
        "en": "the file is nested too deeply to read",
    },
    "import.refused": {"es": "Archivo rechazado: {message}", "en": "File refused: {message}"},
    "import.needs_choice": {"es": "Falta una decisión: {message}", "en": "A choice is needed: {message}"},
    "severity.blocking": {"es": "bloquea", "en": "blocking"},
    "severity.warning": {"es": "aviso", "en": "warning"},
    "severity.info": {"es": "información", "en": "information"},
    "field.severity": {"es": "Gravedad", "en": "Severity"},
    "field.problem": {"es": "Problema", "en": "Problem"},
    "field.feature": {"es": "Elemento", "en": "Feature"},
    "field.detail": {"es": "Detalle", "en": "Detail"},
    "field.change": {"es": "Cambio", "en": "Change"},
    "problem.projected_without_crs": {
        "es": "{count} elementos tienen coordenadas que no son grados (p. ej. {example}) y el archivo no declara su sistema de referencia: indíquelo.",
        "en": "{count} features have coordinates that are not degrees (e.g. {example}) and the file declares no reference system: give it.",
    },
    "problem.non_finite": {
        "es": "{count} elementos tienen coordenadas no finitas (NaN o infinito).",
        "en": "{count} features have non-finite coordinates (NaN or infinity).",
    },
    "problem.out_of_range": {
        "es": "{count} elementos tienen coordenadas fuera de ±180° / ±90°.",
        "en": "{count} features have coordinates outside ±180° / ±90°.",
    },
    "problem.geometry_collection": {
        "es": "{count} elementos son colecciones de geometrías: la reparación las convierte al tipo que más contienen.",
        "en": "{count} features are geometry collections: repair turns each into the kind it holds most of.",
    },
    "problem.csv_rows_unparsed": {
        "es": "{rows} filas del CSV no se pudieron leer ({lines}).",
        "en": "{rows} CSV rows could not be read ({lines}).",
    },
    "problem.probably_swapped": {
        "es": "Latitud y longitud parecen intercambiadas: con el cambio, la capa caería en el corredor.",
        "en": "Latitude and longitude look swapped: swapped, the layer would fall in the corridor.",
    },
    "problem.invalid_geometry": {
        "es": "{count} elementos tienen geometría inválida.",
        "en": "{count} features have invalid geometry.",
    },
    "problem.no_geometry": {
        "es": "{count} elementos no tienen geometría: se conservan, sin dibujarse.",
        "en": "{count} features have no geometry: kept, not drawn.",
    },
    "problem.empty_geometry": {
        "es": "{count} elementos tienen geometría vacía: se conservan, sin dibujarse.",
        "en": "{count} features have an empty geometry: kept, not drawn.",
    },
    "problem.antimeridian": {
        "es": "{count} elementos cruzan el antimeridiano y se dibujarán de lado a lado.",
        "en": "{count} features cross the antimeridian and will be drawn across the world.",
    },
    "problem.case_duplicate_fields": {
        "es": "Atributos que solo difieren en mayúsculas: {fields}. Algunos formatos no los distinguen.",
        "en": "Attributes that differ only in case: {fields}. Some formats cannot tell them apart.",
    },
    "problem.mixed_types": {
        "es": "Tipos de geometría mezclados ({types}): se crea una capa por tipo.",
        "en": "Mixed geometry types ({types}): one layer is made per type.",
    },
    "problem.z_kept": {
        "es": "{count} elementos tienen altura (Z): se conserva.",
        "en": "{count} features have heights (Z): kept.",
    },
    "problem.m_dropped": {
        "es": "Los valores M (medida) del archivo no se conservan.",
        "en": "The file's M (measure) values are not kept.",
    },
    "problem.renamed_field": {
        "es": "El atributo «{old}» se conserva como «{new}».",
        "en": "The attribute “{old}” is kept as “{new}”.",
    },
    "problem.no_crs_assumed_wgs84": {
        "es": "El archivo no declara sistema de referencia; sus coordenadas son grados y se leen como WGS 84.",
        "en": "The file declares no reference system; its coordinates are degrees and are read as WGS 84.",
    },
    "problem.reprojected": {"es": "Reproyectado de {crs} a WGS 84.", "en": "Reprojected from {crs} to WGS 84."},
    "problem.empty_gpx_fields": {
        "es": "{count} campos GPX estándar vacíos en todo el archivo no se muestran.",
        "en": "{count} standard GPX fields, empty throughout the file, are not shown.",
    },
    "problem.decoded_cp1252": {
        "es": "El CSV no es UTF-8; se leyó como Windows-1252.",
        "en": "The CSV is not UTF-8; it was read as Windows-1252.",
    },
    "problem.provenance_added": {
        "es": "Procedencia completada donde faltaba (elementos): {fields}.",
        "en": "Provenance filled in where missing (features): {fields}.",
    },
    "problem_short.projected_without_crs": {"es": "sin sistema de referencia", "en": "no reference system"},
    "problem_short.non_finite": {"es": "coordenada no finita", "en": "non-finite coordinate"},
    "problem_short.out_of_range": {"es": "fuera de rango", "en": "out of range"},
    "problem_short.geometry_collection": {"es": "colección de geometrías", "en": "geometry collection"},
    "problem_short.probably_swapped": {"es": "lat/lon intercambiadas", "en": "lat/lon swapped"},
    "problem_short.invalid_geometry": {"es": "geometría inválida", "en": "invalid geometry"},
    "problem_short.no_geometry": {"es": "sin geometría", "en": "no geometry"},
    "problem_short.empty_geometry": {"es": "geometría vacía", "en": "empty geometry"},
    "problem_short.antimeridian": {"es": "cruza el antimeridiano", "en": "crosses the antimeridian"},
    "problem_short.z_kept": {"es": "con Z", "en": "has Z"},
    "geometry.Point": {"es": "puntos", "en": "points"},
    "geometry.LineString": {"es": "líneas", "en": "lines"},
    "geometry.Polygon": {"es": "polígonos", "en": "polygons"},
    # export
    "export.heading": {"es": "Exportar", "en": "Export"},
    "export.what": {"es": "Qué", "en": "What"},
    "export.how": {"es": "Formato", "en": "Format"},
    "export.what.visible": {"es": "Todas las capas visibles", "en": "All visible layers"},
    "export.what.layer": {"es": "Una capa", "en": "One layer"},
    "export.what.filtered": {"es": "Solo lo que pasa los filtros", "en": "Only what passes the filters"},
    "export.what.view": {"es": "Solo lo que está en la vista del mapa", "en": "Only what is in the map view"},
    "export.what.drawn": {
        "es": "Solo lo que está dentro del área dibujada",
        "en": "Only what is inside the drawn area",
    },
    "export.format.geojson": {"es": "GeoJSON (RFC 7946)", "en": "GeoJSON (RFC 7946)"},
    "export.format.gpkg": {"es": "GeoPackage", "en": "GeoPackage"},
    "export.format.kml": {"es": "KML (Google Earth)", "en": "KML (Google Earth)"},
    "export.format.csv": {"es": "CSV (hoja de cálculo, con WKT)", "en": "CSV (spreadsheet, with WKT)"},
    "export.format.shapefile": {"es": "Shapefile (zip)", "en": "Shapefile (zip)"},
    "export.format.html": {"es": "Mapa HTML autónomo (sin internet)", "en": "Standalone HTML map (no internet)"},
    "export.format.png": {"es": "Mapa para imprimir (PNG)", "en": "Print map (PNG)"},
    "export.format.pdf": {"es": "Mapa para imprimir (PDF)", "en": "Print map (PDF)"},
    "export.prepare": {"es": "Preparar archivo", "en": "Prepare file"},
    "export.download": {"es": "Descargar {name}", "en": "Download {name}"},
    "export.generated": {"es": "Generado el {when}", "en": "Generated on {when}"},
    "export.field_mapping": {
        "es": "nombres de campo originales y acortados (los Shapefile admiten 10 caracteres).",
        "en": "original and shortened field names (Shapefiles allow 10 characters).",
    },
    "export.no_view": {
        "es": "Mueva o acerque el mapa una vez para conocer la vista.",
        "en": "Pan or zoom the map once so that its view is known.",
    },
    "export.no_area": {
        "es": "Dibuje un área en el mapa (al menos 3 vértices).",
        "en": "Draw an area on the map (at least 3 vertices).",
    },
    "export.change.field_renamed": {
        "es": "Capa {layer}: el campo «{old}» se llama «{new}».",
        "en": "Layer {layer}: field “{old}” is named “{new}”.",
    },
    "export.change.text_truncated": {
        "es": "Capa {layer}: textos del campo «{field}» de hasta {bytes} bytes se cortan a 254.",
        "en": "Layer {layer}: texts of field “{field}” up to {bytes} bytes are cut to 254.",
    },
    "export.change.split_by_type": {
        "es": "Capa {layer}: un Shapefile por tipo ({types}).",
        "en": "Layer {layer}: one Shapefile per type ({types}).",
    },
    "export.clipped": {
        "es": "{n} elementos cortados en el borde del área (marcados clipped = true).",
        "en": "{n} features cut at the edge of the area (marked clipped = true).",
    },
    "draw.mode": {
        "es": "Dibujar un área (clic en el mapa para añadir vértices)",
        "en": "Draw an area (click the map to add vertices)",
    },
    "draw.clear": {"es": "Borrar el área", "en": "Clear the area"},
    "draw.vertices": {"es": "{n} vértices", "en": "{n} vertices"},
    "filters.heading": {"es": "Filtros", "en": "Filters"},
    "filters.confidence": {"es": "Confianza", "en": "Confidence"},
    "filters.by_year": {"es": "Solo lo vigente en un año", "en": "Only what held in a year"},
    "filters.year": {"es": "Año", "en": "Year"},
    "print.disclaimer": {
        "es": "Los límites y trazados son aproximados y no oficiales; las zonas de patrullaje son un escenario ilustrativo.",
        "en": "Boundaries and paths are approximate, not official; patrol zones are an illustrative scenario.",
    },
    # analysis
    "analysis.heading": {"es": "Análisis del corredor", "en": "Corridor analysis"},
    "analysis.reach": {"es": "Distancia de alcance de las comunidades (km)", "en": "Reach of the communities (km)"},
    "analysis.reach_help": {
        "es": "Una brecha es un tramo de ruta fuera de toda zona de patrullaje y a más de esta distancia de toda comunidad receptora.",
        "en": "A gap is a stretch of route outside every patrol zone and farther than this from every reception community.",
    },
    "analysis.no_routes": {
        "es": "Active la capa de rutas para ver el análisis.",
        "en": "Switch the routes layer on to see the analysis.",
    },
    "analysis.summary": {"es": "Resumen por ruta", "en": "Summary per route"},
    "analysis.download": {"es": "Descargar el resumen (CSV)", "en": "Download the summary (CSV)"},
    "analysis.confidence": {
        "es": "Los resultados no son más seguros que sus datos: confianza {confidence}. Longitudes geodésicas (WGS 84), en km.",
        "en": "The results are no surer than their data: confidence {confidence}. Geodesic lengths (WGS 84), in km.",
    },
    "analysis.park_crossings": {"es": "Entradas y salidas del parque", "en": "Park entries and exits"},
    "analysis.border_crossings": {"es": "Cruces de la frontera", "en": "Border crossings"},
    "analysis.in_reach": {"es": "Comunidades al alcance de las rutas", "en": "Communities within reach of the routes"},
    "analysis.gaps": {"es": "Brechas de cobertura", "en": "Coverage gaps"},
    "analysis.derived": {"es": "Capas derivadas", "en": "Derived layers"},
    "analysis.point": {"es": "Punto elegido en el mapa: {lat}, {lon}", "en": "Point chosen on the map: {lat}, {lon}"},
    "analysis.point_help": {
        "es": "Haga clic en el mapa para ver lo más cercano a un punto.",
        "en": "Click the map to see what is nearest to a point.",
    },
    "analysis.nearest_community": {
        "es": "Comunidad receptora más cercana: {name}, a {km} km.",
        "en": "Nearest reception community: {name}, {km} km away.",
    },
    "analysis.nearest_communities": {
        "es": "Comunidades receptoras más cercanas",
        "en": "Nearest reception communities",
    },
    "analysis.nearest_segment": {
        "es": "Tramo de ruta más cercano: {segment} ({route}), a {km} km",
        "en": "Nearest route segment: {segment} ({route}), {km} km away",
    },
    "field.segments": {"es": "Tramos", "en": "Segments"},
    "field.segment_id": {"es": "Tramo", "en": "Segment"},
    "field.total_km": {"es": "Longitud (km)", "en": "Length (km)"},
    "field.in_park_km": {"es": "En el parque (km)", "en": "In the park (km)"},
    "field.in_patrol_km": {"es": "En zonas de patrullaje (km)", "en": "In patrol zones (km)"},
    "field.patrol_share_pct": {"es": "En patrullaje (%)", "en": "Patrolled (%)"},
    "field.in_gaps_km": {"es": "En brechas (km)", "en": "In gaps (km)"},
    "field.communities_in_reach": {"es": "Comunidades al alcance", "en": "Communities in reach"},
    "field.communities": {"es": "Comunidades", "en": "Communities"},
    "field.typical_days": {"es": "Días típicos", "en": "Typical days"},
    "field.along_km": {"es": "Km desde el inicio del tramo", "en": "Km from the segment's start"},
    "field.gap_km": {"es": "Brecha (km)", "en": "Gap (km)"},
    "field.reach_km": {"es": "Alcance usado (km)", "en": "Reach used (km)"},
    "field.distance_km": {"es": "Distancia (km)", "en": "Distance (km)"},
    "field.nearest": {"es": "Tramo más cercano", "en": "Nearest segment"},
    "field.lon": {"es": "Longitud", "en": "Longitude"},
    "field.lat": {"es": "Latitud", "en": "Latitude"},
    "kind.enter": {"es": "entra", "en": "enters"},
    "kind.leave": {"es": "sale", "en": "leaves"},
    # map chrome
    "map.cluster_note": {
        "es": "{title}: {n} puntos agrupados en {g} grupos a este zoom; acerque el mapa para verlos.",
        "en": "{title}: {n} points grouped in {g} groups at this zoom; zoom in to see them.",
    },
    "map.cluster_popup": {
        "es": "{n} puntos aquí: acerque el mapa para verlos uno a uno.",
        "en": "{n} points here: zoom in to see them one by one.",
    },
    "map.canvas_points": {
        "es": "{n} puntos dibujados en lienzo; con más de {group} a la vista se agrupan, y el mapa lo indica.",
        "en": "{n} points drawn on canvas; with more than {group} in view they are grouped, and the map says so.",
    },
    "map.simplified": {
        "es": "{n} elementos dibujados en lienzo, simplificados a menos de 1 píxel hasta el zoom {zoom}.",
        "en": "{n} features drawn on canvas, simplified to under 1 pixel up to zoom {zoom}.",
    },
    "map.legend": {"es": "Leyenda", "en": "Legend"},
    "map.offline": {"es": "Sin conexión (datos incluidos)", "en": "Offline (bundled data)"},
    "map.osm": {"es": "OpenStreetMap (en línea)", "en": "OpenStreetMap (online)"},
    "map.imagery": {"es": "Imágenes satelitales Esri (en línea)", "en": "Esri satellite imagery (online)"},
    "map.topo": {"es": "OpenTopoMap (en línea)", "en": "OpenTopoMap (online)"},
    "map.dashed": {
        "es": "Línea discontinua: geometría aproximada; punteada: ilustrativa.",
        "en": "Dashed line: approximate geometry; dotted: illustrative.",
    },
    # attribute labels
    "field.name": {"es": "Nombre", "en": "Name"},
    "field.name_en": {"es": "Nombre (inglés)", "en": "Name (English)"},
    "field.kind": {"es": "Tipo", "en": "Kind"},
    "field.country": {"es": "País", "en": "Country"},
    "field.admin_unit": {"es": "Provincia o comarca", "en": "Province or comarca"},
    "field.services": {"es": "Servicios", "en": "Services"},
    "field.operator": {"es": "Operador", "en": "Operator"},
    "field.placed_from": {"es": "Ubicado a partir de", "en": "Placed from"},
    "field.route": {"es": "Ruta", "en": "Route"},
    "field.stage": {"es": "Tramo", "en": "Stage"},
    "field.mode": {"es": "Modo", "en": "Mode"},
    "field.from_place": {"es": "Desde", "en": "From"},
    "field.to_place": {"es": "Hasta", "en": "To"},
    "field.length_km": {"es": "Longitud (km)", "en": "Length (km)"},
    "field.area_km2": {"es": "Área (km²)", "en": "Area (km²)"},
    "field.published_area_km2": {"es": "Área publicada (km²)", "en": "Published area (km²)"},
    "field.agency": {"es": "Institución", "en": "Agency"},
    "field.valid_from": {"es": "Desde (fecha)", "en": "Valid from"},
    "field.valid_to": {"es": "Hasta (fecha)", "en": "Valid to"},
    "field.caveat": {"es": "Advertencia", "en": "Caveat"},
    "field.source": {"es": "Fuente", "en": "Source"},
    "field.confidence": {"es": "Confianza", "en": "Confidence"},
    "field.licence": {"es": "Licencia", "en": "Licence"},
    "field.iso2": {"es": "Código ISO", "en": "ISO code"},
    "field.adm1name": {"es": "Provincia", "en": "Province"},
    "field.pop_max": {"es": "Población", "en": "Population"},
    "field.featurecla": {"es": "Clase", "en": "Class"},
    "field.layer": {"es": "Capa", "en": "Layer"},
    "field.attribution": {"es": "Atribución", "en": "Attribution"},
    "field.features": {"es": "Elementos", "en": "Features"},
    "field.period": {"es": "Periodo", "en": "Period"},
    "field.period_type": {"es": "Tipo de periodo", "en": "Period type"},
    "field.value": {"es": "Cifra", "en": "Figure"},
    "field.note": {"es": "Nota", "en": "Note"},
    "field.conflicting_figures": {"es": "Cifras en conflicto", "en": "Conflicting figures"},
    # vocabularies
    "confidence.official": {"es": "oficial", "en": "official"},
    "confidence.reported": {"es": "reportado", "en": "reported"},
    "confidence.approximate": {"es": "aproximado", "en": "approximate"},
    "confidence.illustrative": {"es": "ilustrativo", "en": "illustrative"},
    "mode.boat": {"es": "lancha", "en": "boat"},
    "mode.foot": {"es": "a pie", "en": "on foot"},
    "mode.river_boat": {"es": "lancha fluvial", "en": "river boat"},
    "mode.bus": {"es": "autobús", "en": "bus"},
    "mode.foot_and_river": {"es": "a pie y por río", "en": "on foot and by river"},
    "mode.air": {"es": "aéreo", "en": "air"},
    "mode.community": {"es": "en comunidades", "en": "in communities"},
    "kind.indigenous_community": {"es": "comunidad indígena", "en": "indigenous community"},
    "kind.town": {"es": "pueblo", "en": "town"},
    "kind.reception_station": {"es": "estación de recepción migratoria", "en": "migrant reception station"},
    "kind.port_of_departure": {"es": "puerto de salida", "en": "port of departure"},
    "kind.province": {"es": "provincia", "en": "province"},
    "kind.comarca": {"es": "comarca", "en": "comarca"},
    "stage.gulf_crossing": {"es": "cruce del golfo de Urabá", "en": "Gulf of Urabá crossing"},
    "stage.mountain_trek": {"es": "travesía de montaña hasta la frontera", "en": "mountain trek to the border"},
    "stage.descent": {"es": "descenso a la primera aldea panameña", "en": "descent to the first Panamanian village"},
    "stage.river_transport": {"es": "transporte fluvial", "en": "river transport"},
    "stage.road_transport": {"es": "transporte por carretera", "en": "road transport"},
    "stage.coastal_crossing": {"es": "travesía costera", "en": "coastal crossing"},
    "stage.return_by_sea": {"es": "regreso por mar hacia el sur", "en": "southward return by sea"},
    "route.acandi_bajo_chiquito": {"es": "Necoclí–Acandí–Bajo Chiquito", "en": "Necoclí–Acandí–Bajo Chiquito"},
    "route.capurgana_bajo_chiquito": {"es": "Turbo–Capurganá–Bajo Chiquito", "en": "Turbo–Capurganá–Bajo Chiquito"},
    "route.canaan_membrillo": {"es": "Vía Canaán Membrillo", "en": "Canaán Membrillo way"},
    "route.caribbean_puerto_obaldia": {
        "es": "Vía caribeña por Puerto Obaldía",
        "en": "Caribbean way via Puerto Obaldía",
    },
    "route.return_by_sea_2025": {"es": "Regreso por mar (2025)", "en": "Return by sea (2025)"},
}


#: Attributes whose values are translated from the vocabulary above (mode, kind, confidence...).
VOCABULARY_FIELDS = ("mode", "kind", "stage", "confidence", "route")


def vocabulary(frame, lang: str) -> dict[str, dict[str, str]]:
    """For each vocabulary field of `frame` (a DataFrame), its values present there and
    known here, translated: what the map's info boxes need to show values in `lang`."""
    out = {}
    for field in VOCABULARY_FIELDS:
        if field in frame:
            present = {str(v) for v in frame[field].dropna().unique()}
            out[field] = {v: label(field, v, lang) for v in present if f"{field}.{v}" in TEXT}
    return out


def t(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang`, with `{name}` placeholders filled.

    An unknown key comes back as itself, so a missing entry is visible on the
    page (and caught by the completeness test) instead of crashing the app.
    """
    entry = TEXT.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def field_label(field: str, lang: str) -> str:
    """Human label of an attribute name; the name itself when we have none."""
    key = f"field.{field}"
    return t(key, lang) if key in TEXT else field


def label(field: str, value: object, lang: str) -> str:
    """Translated value of a controlled vocabulary (mode, kind, confidence...), else the value."""
    key = f"{field}.{value}"
    return t(key, lang) if key in TEXT else ("" if value is None else str(value))
