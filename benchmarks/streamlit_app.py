"""A Streamlit script served on a free local port, for the benchmarks that time pages in Chromium."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(script: Path, env: dict, log: Path | None = None) -> tuple[subprocess.Popen, str]:
    """The server and its URL once it answers its health check; its output to `log`, or dropped."""
    port = free_port()
    out = log.open("w") if log else subprocess.DEVNULL
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT if log else subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):  # noqa: S310 - our own server
                return process, url
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"streamlit did not start for {script}" + (f": see {log}" if log else ""))
