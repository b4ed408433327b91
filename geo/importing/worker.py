"""The import worker: reads one untrusted file in a separate, limited process.

Run by geo.importing.sandbox as `python -m geo.importing.worker`, with GDAL's drivers restricted
through the environment *before* GDAL loads. Request and answer are pickles
on stdin/stdout between this process and our own parent; the file's bytes
are data inside them, never code.
"""

from __future__ import annotations

import pickle
import sys


def main() -> int:
    request = pickle.load(sys.stdin.buffer)
    try:
        from geo.errors import GeoError
        from geo.importing import formats

        if request["op"] == "inspect":
            result = formats.inspect(request["format"], request["data"])
        else:
            result = formats.read(request["format"], request["data"], request["options"])
        answer = {"ok": result}
    except GeoError as error:
        answer = {"error": type(error).__name__, "message": str(error), "texts": error.texts}
    except MemoryError:
        answer = {"error": "ImportLimitExceeded", "message": "memory"}
    except RecursionError:
        from geo.errors import ImportRefused

        error = ImportRefused(key="too_deep")
        answer = {"error": "ImportRefused", "message": str(error), "texts": error.texts}
    sys.stdout.buffer.write(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
