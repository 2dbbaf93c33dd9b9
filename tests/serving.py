"""Starting `stancekg serve` for a test: its own process, a free port, ready when its workers are."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(*options: str, data: str | None = None):
    """`stancekg serve` as its own process on a free port; yields its /sparql URL, then stops it."""
    port = free_port()
    env = {**os.environ, **({"STANCEKG_DATA": data} if data else {})}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from kg.cli import main; main()", "--store", "oxigraph", "serve",
         "--port", str(port), *options], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 90
    while True:  # ready when its workers are: /health answers 200
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as response:
                if response.status == 200:
                    break
        except (OSError, urllib.error.HTTPError):
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"stancekg serve did not start: {proc.stderr.read().decode()}")
        time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{port}/sparql"
    finally:
        proc.terminate()
        proc.wait(10)
