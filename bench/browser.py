"""Debian's Chromium as the benchmarks and the browser tests launch it, the benchmarks'
JavaScript snippets and init scripts, and the Streamlit server they start (AppServer).

Chromium runs as the machine's probe runs it: no background traffic, and every host but
localhost unresolvable, so nothing can leave the machine even if a page tried.
"""

from __future__ import annotations

import functools
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]

SNIPPETS = Path(__file__).resolve().parent / "js"


@functools.cache
def js(name: str) -> str:
    """The text of bench/js/<name>.js: one JavaScript function, as Playwright's `evaluate` and
    `wait_for_function` take it; values go in as their `arg`, never into the source."""
    if re.fullmatch(r"[a-z0-9_]+", name) is None:
        raise ValueError(f"not a snippet name: {name!r}")
    return (SNIPPETS / f"{name}.js").read_text(encoding="utf-8")


INIT_SCRIPTS = Path(__file__).resolve().parent / "init"


@functools.cache
def init_script(name: str) -> str:
    """The text of bench/init/<name>.js: a script Chromium runs in every frame before the page's
    own (Playwright's `add_init_script`). It takes no values: what it notes is read afterwards
    with a snippet (`js`)."""
    if re.fullmatch(r"[a-z0-9_]+", name) is None:
        raise ValueError(f"not an init script name: {name!r}")
    return (INIT_SCRIPTS / f"{name}.js").read_text(encoding="utf-8")


def free_port() -> int:
    """A localhost port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppServer:
    """`streamlit run <script>` on 127.0.0.1:`port` (a free one by default), with `env` added to
    this process's environment, its output in `log` (a path; None: discarded), run from `cwd` (the script's folder by default). Started, it
    answers its health check; it can be stopped, killed with SIGKILL (`kill -9`: nothing is
    flushed) and started again on the same port. The benchmarks and the browser tests use it."""

    def __init__(
        self,
        script: Path,
        env: dict | None = None,
        port: int | None = None,
        log: Path | None = None,
        cwd: Path | None = None,
    ):
        self.script = Path(script)
        self.cwd = cwd or self.script.parent
        self.env = dict(env or {})
        self.port = port or free_port()
        self.log = log
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}"

    def start(self, timeout_s: float = 90) -> AppServer:
        env = dict(os.environ, STREAMLIT_BROWSER_GATHER_USAGE_STATS="false", **self.env)
        command = [sys.executable, "-m", "streamlit", "run", str(self.script)]
        command += ["--server.address", "127.0.0.1", "--server.port", str(self.port), "--server.headless", "true"]
        if self.log is not None:
            self.log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log or os.devnull, "w") as out:  # the child keeps its own descriptor
            self.proc = subprocess.Popen(command, cwd=self.cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.script.name} exited with {self.proc.returncode}; see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        self.kill()
        raise RuntimeError(f"{self.script.name} did not start within {timeout_s:g} s; see {self.log}")

    def stop(self) -> None:
        """A polite stop (SIGTERM), waiting for the process to end."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=20)
        self.proc = None

    def kill(self) -> None:
        """`kill -9`: no shutdown handler runs, nothing is flushed."""
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=20)
        self.proc = None

    def __enter__(self) -> AppServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
