"""Our own app servers for the workspace browser tests: `streamlit run app.py` as a subprocess
with its own DARIEN_STORE, on a free port, that a test can kill with SIGKILL (`kill -9`) and
start again on the same port, or run twice (two app processes on one store).

The session-wide `app_url` fixture (conftest.py) serves the other browser tests; these servers
are started and stopped by the tests that need them."""

from __future__ import annotations

from bench.browser import AppServer as Server
from tests.browser.conftest import ARTIFACTS
from tests.conftest import ROOT

START_TIMEOUT_S = 90


class AppServer(Server):
    """One `streamlit run app.py` process on 127.0.0.1:`port`, its store named by `store`; each
    start writes its own log in test-artifacts/."""

    def __init__(self, store: str, port: int | None = None, name: str = "workspace"):
        super().__init__(ROOT / "app.py", env={"DARIEN_STORE": store}, port=port)
        self.store = store
        self.name = name
        self.starts = 0

    def start(self, timeout_s: float = START_TIMEOUT_S) -> AppServer:
        """Start (again, on the same port) and wait until it answers its health check."""
        self.starts += 1
        self.log = ARTIFACTS / f"streamlit-{self.name}-{self.port}-{self.starts}.log"
        super().start(timeout_s)
        return self

    def __exit__(self, *exc) -> None:
        self.kill()
