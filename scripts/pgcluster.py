"""A local PostgreSQL 15 + PostGIS 3 cluster, from Debian's packages, with initdb/pg_ctl: no Docker.

Used by `make run-postgis` (a lasting cluster under ./var/pg), by the tests (a throwaway cluster
on a free port in a temporary directory, stopped at the end) and by the benchmarks.

`initdb` refuses to run as root: as root, every server command runs as the `postgres` system
user (`runuser -u postgres --`), and the cluster's directory is given to that user. The server
listens on 127.0.0.1 only, with `trust` authentication for local connections: a developer's or a
test's cluster, never a production one.

    python -m scripts.pgcluster start var/pg [--port 5433]   # prints the postgresql:// URL
    python -m scripts.pgcluster stop var/pg
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BIN = Path("/usr/lib/postgresql/15/bin")
POSTGIS_CONTROL = Path("/usr/share/postgresql/15/extension/postgis.control")
DATABASE = "darien"
PACKAGES = "postgresql-15 postgresql-15-postgis-3"


class ClusterError(RuntimeError):
    """PostgreSQL or PostGIS is missing, or the cluster would not start."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(_as_server_user(command), check=True, capture_output=True, text=True, **kwargs)


def check_installed() -> None:
    """Refuse, with what to install, when the server or PostGIS is missing (never a silent skip)."""
    if not (BIN / "initdb").exists() or not (BIN / "pg_ctl").exists():
        raise ClusterError(f"PostgreSQL 15 is not installed ({BIN}/initdb missing): apt-get install {PACKAGES}")
    if not POSTGIS_CONTROL.exists():
        raise ClusterError(f"PostGIS 3 is not installed ({POSTGIS_CONTROL} missing): apt-get install {PACKAGES}")


@dataclass(frozen=True)
class Cluster:
    directory: Path
    port: int

    @property
    def data(self) -> Path:
        return self.directory / "data"

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{DATABASE}"

    def admin_url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def running(self) -> bool:
        result = subprocess.run(
            _as_server_user([str(BIN / "pg_ctl"), "status", "-D", str(self.data)]),
            check=False,
            capture_output=True,
            text=True,
        )
        return result.returncode == 0

    def psql(self, sql: str, database: str = DATABASE) -> str:
        """Run SQL as the superuser (set-up only: the app goes through psycopg with parameters)."""
        result = _run(
            [str(BIN / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database, "-Atc", sql]
        )
        return result.stdout

    def create_database(self, name: str) -> str:
        """A fresh database with PostGIS; its URL."""
        self.psql(f'CREATE DATABASE "{name}"', database="postgres")
        self.psql("CREATE EXTENSION IF NOT EXISTS postgis", database=name)
        return self.admin_url(name)

    def stop(self) -> None:
        if self.data.exists():
            subprocess.run(
                _as_server_user([str(BIN / "pg_ctl"), "stop", "-D", str(self.data), "-m", "fast", "-w"]),
                check=False,
                capture_output=True,
                text=True,
            )


def start(directory: Path | str, port: int | None = None) -> Cluster:
    """Initialise the cluster in `directory` if it is new, start it on `port` (a free one if
    None), create the `darien` database with PostGIS. Starting a running cluster is harmless."""
    check_installed()
    directory = Path(directory).resolve()
    directory.mkdir(parents=True, exist_ok=True)
    port_file = directory / "port"
    if port is None:
        port = int(port_file.read_text()) if port_file.exists() else free_port()
    cluster = Cluster(directory, port)
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
        # The server user must reach the directory through its parents (a temporary one is 0700).
        for parent in directory.parents:
            if parent == Path("/"):
                break
            mode = parent.stat().st_mode
            if not mode & 0o001:
                os.chmod(parent, mode | 0o001)
    if not (cluster.data / "PG_VERSION").exists():
        _run(
            [str(BIN / "initdb"), "-D", str(cluster.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale"]
        )
    port_file.write_text(str(port))
    if not cluster.running():
        options = f"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=on"
        try:
            _run(
                [
                    str(BIN / "pg_ctl"),
                    "start",
                    "-D",
                    str(cluster.data),
                    "-w",
                    "-t",
                    "60",
                    "-o",
                    options,
                    "-l",
                    str(directory / "server.log"),
                ]
            )
        except subprocess.CalledProcessError as error:
            log = (
                (directory / "server.log").read_text(errors="replace")[-2000:]
                if (directory / "server.log").exists()
                else ""
            )
            raise ClusterError(f"PostgreSQL would not start: {error.stderr.strip()}\n{log}") from error
    deadline = time.monotonic() + 30
    while True:
        try:
            exists = cluster.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'", database="postgres")
            break
        except subprocess.CalledProcessError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)
    if not exists.strip():
        cluster.create_database(DATABASE)
    return cluster


def stop(directory: Path | str) -> None:
    directory = Path(directory).resolve()
    port_file = directory / "port"
    port = int(port_file.read_text()) if port_file.exists() else 0
    Cluster(directory, port).stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.pgcluster", description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("directory")
    parser.add_argument("--port", type=int)
    args = parser.parse_args(argv)
    try:
        if args.action == "start":
            print(start(args.directory, args.port).url)
        else:
            stop(args.directory)
    except ClusterError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
