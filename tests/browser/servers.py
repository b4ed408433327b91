"""Our own app servers for the workspace browser tests: `streamlit run app.py` as a subprocess
with its own DARIEN_STORE, on a free port, that a test can kill with SIGKILL (`kill -9`) and
start again on the same port, or run twice (two app processes on one store).

The session-wide `app_url` fixture (conftest.py) serves the other browser tests; these servers
are started and stopped by the tests that need them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request

from tests.browser.conftest import ARTIFACTS, _free_port
from tests.conftest import ROOT

START_TIMEOUT_S = 90


class AppServer:
    """One `streamlit run app.py` process on 127.0.0.1:`port`, its store named by `store`."""

    def __init__(self, store: str, port: int | None = None, name: str = "workspace"):
        self.store = store
        self.port = port or _free_port()
        self.name = name
        self.proc: subprocess.Popen | None = None
        self.starts = 0

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}"

    def start(self) -> AppServer:
        """Start (again, on the same port) and wait until it answers its health check."""
        ARTIFACTS.mkdir(exist_ok=True)
        self.starts += 1
        log = open(ARTIFACTS / f"streamlit-{self.name}-{self.port}-{self.starts}.log", "w")  # noqa: SIM115 (the server's own)
        env = dict(os.environ, DARIEN_STORE=self.store, STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
        command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py")]
        command += ["--server.address", "127.0.0.1", "--server.port", str(self.port), "--server.headless", "true"]
        self.proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        log.close()  # the child holds its own descriptor
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the app server exited with {self.proc.returncode}; see {log.name}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        self.kill()
        raise RuntimeError(f"the app did not start within {START_TIMEOUT_S} s; see {log.name}")

    def kill(self) -> None:
        """`kill -9`: no shutdown handler runs, nothing is flushed."""
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=20)
        self.proc = None

    def __enter__(self) -> AppServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.kill()
