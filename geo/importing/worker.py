"""The import worker: reads one untrusted file in a separate, limited process.

Run by geo.importing.sandbox as `python -m geo.importing.worker`, with GDAL's drivers restricted
through the environment *before* GDAL loads. Request and answer are pickles
on stdin/stdout between this process and our own parent; the file's bytes
are data inside them, never code.

Every failure goes back as a message naming the format and what in the file stopped the
reader, never as a bare "the reader stopped".
"""

from __future__ import annotations

import pickle
import re
import sys


def main() -> int:
    request = pickle.load(sys.stdin.buffer)
    answer = _answer(request)
    sys.stdout.buffer.write(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
    return 0


def _answer(request: dict) -> dict:
    from geo.errors import GeoError
    from geo.importing import formats

    fmt = request["format"]
    try:
        if request["op"] == "inspect":
            return {"ok": formats.inspect(fmt, request["data"])}
        return {"ok": formats.read(fmt, request["data"], request["options"])}
    except GeoError as error:
        return {"error": type(error).__name__, "message": str(error), "texts": error.texts}
    except MemoryError:
        return {"error": "ImportLimitExceeded", "message": "memory"}
    except RecursionError:
        return _refusal("too_deep")
    # The process boundary: whatever a damaged file makes a library raise is reported with the
    # format and the library's own reason (paths removed), so the user knows what to fix.
    except Exception as exc:
        return _refusal("reader_failed", format=formats.FORMATS.get(fmt, (fmt,))[0], reason=plain_reason(exc))


def plain_reason(exc: BaseException) -> str:
    """A library's message without temporary paths, on one line, short.

    >>> plain_reason(ValueError("cannot open /vsimem/pyogrio_1234/x.shp: bad header"))
    'ValueError: cannot open the file: bad header'
    """
    text = str(exc) or type(exc).__name__
    text = re.sub(r"(/vsi\w+)?(/[\w.+-]+){2,}", "the file", text)
    return f"{type(exc).__name__}: {' '.join(text.split())}"[:200]


def _refusal(key: str, **values) -> dict:
    from geo.errors import ImportRefused

    error = ImportRefused(key=key, **values)
    return {"error": "ImportRefused", "message": str(error), "texts": error.texts}


if __name__ == "__main__":
    raise SystemExit(main())
