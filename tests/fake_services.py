"""Stand-ins for what the machine may lack or what may hang: a browser executable that
behaves as told, and a TCP server that accepts connections and never says a word (the hung
SMTP server, Redis or PostgreSQL that timeouts exist for)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def silent_server() -> Iterator[int]:
    """Yield the port of a listening socket whose connections stay open and silent."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except (TimeoutError, OSError):
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(timeout=2)
        for connection in accepted:
            connection.close()
        listener.close()


def fake_browser(directory: Path, body: str) -> str:
    """The path of an executable found like a browser that runs `body` (sh) when started."""
    path = directory / "fake-chromium"
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)
    return str(path)
