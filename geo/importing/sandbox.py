"""Run the import worker with limits on time and memory.

The untrusted file is parsed in a child process (geo.importing.worker) whose address
space and CPU time are capped by the kernel (RLIMIT_AS, RLIMIT_CPU) and whose
wall time is capped here; GDAL in the child only knows the allowed drivers.
If the child dies, runs out of time or memory, the user gets a plain message
and this process is untouched.
"""

from __future__ import annotations

import os
import pickle
import resource
import signal
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

from geo import errors
from geo.importing.gdal import worker_environment

ROOT = Path(__file__).resolve().parents[2]

DEFAULT_TIMEOUT_S = 60.0
DEFAULT_MEMORY_MB = 3072

#: What a child killed by its memory limit leaves on stderr (Python, BLAS, C++).
MEMORY_SIGNS = (b"MemoryError", b"alloc", b"out of memory", b"Cannot allocate")


@lru_cache(maxsize=1)
def _all_drivers() -> tuple[str, ...]:
    import pyogrio

    return tuple(pyogrio.list_drivers())


def run(request: dict, timeout_s: float = DEFAULT_TIMEOUT_S, memory_mb: int = DEFAULT_MEMORY_MB):
    """The worker's result for `request`, or the GeoError it raised."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GDAL_", "CPL_", "OGR_"))}
    env.update(worker_environment(list(_all_drivers())))
    env.update({"PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"})

    def limit():  # runs in the child, before it execs Python
        memory = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        cpu = max(1, int(timeout_s) + 1)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))

    try:
        done = subprocess.run(
            [sys.executable, "-m", "geo.importing.worker"],
            input=pickle.dumps(request),
            capture_output=True,
            timeout=timeout_s,
            env=env,
            cwd=ROOT,
            preexec_fn=limit,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise errors.ImportLimitExceeded(key="too_slow", seconds=f"{timeout_s:g}") from None
    if done.returncode != 0 or not done.stdout:
        if any(sign in done.stderr for sign in MEMORY_SIGNS) or done.returncode in (-9, -6):
            raise errors.ImportLimitExceeded(key="too_much_memory", mb=memory_mb)
        if done.returncode == -signal.SIGXCPU:
            raise errors.ImportLimitExceeded(key="too_much_cpu", seconds=f"{timeout_s:g}")
        raise errors.ImportRefused(key="reader_stopped")
    answer = pickle.loads(done.stdout)
    if "ok" in answer:
        return answer["ok"]
    if answer["error"] == "ImportLimitExceeded":
        raise errors.ImportLimitExceeded(key="too_much_memory", mb=memory_mb)
    raise getattr(errors, answer["error"], errors.ImportRefused)(answer["message"], texts=answer.get("texts"))
