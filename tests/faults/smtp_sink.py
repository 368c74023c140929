"""A real SMTP server for the fault tests, in a process of its own that a test kills (SIGKILL,
as an outage would) and starts again on the same port. Every accepted message becomes one file
in a directory, so a test counts what arrived (by its X-Intan-Notification header).

Run: python -m tests.faults.smtp_sink --port PORT --dir DIR [--delay SECONDS]
"""

import argparse
import asyncio
import email
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


class Handler:
    def __init__(self, directory, delay):
        self.directory = Path(directory)
        self.delay = delay

    async def handle_DATA(self, server, session, envelope):
        # A slow server widens the window between DATA and the worker's commit.
        if self.delay:
            await asyncio.sleep(self.delay)
        path = self.directory / f"{time.time_ns()}-{uuid.uuid4().hex}.eml"
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(envelope.original_content or envelope.content)
        os.replace(tmp, path)  # accepted = written in full, before the 250 reply
        return "250 Message accepted for delivery"


def main():
    from aiosmtpd.controller import Controller

    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()
    controller = Controller(Handler(args.dir, args.delay), hostname="127.0.0.1", port=args.port)
    controller.start()
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


def port_open(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


class SMTPSink:
    """start() / stop() the sink process; the port and the directory stay across restarts."""

    def __init__(self, port, directory, delay=0.0):
        self.port = port
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.delay = delay
        self.process = None

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}"

    def start(self, timeout=15):
        cmd = [sys.executable, "-m", "tests.faults.smtp_sink", "--port", str(self.port),
               "--dir", str(self.directory), "--delay", str(self.delay)]  # fmt: skip
        self.process = subprocess.Popen(
            cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if port_open(self.port):
                return self
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        self.stop()
        pytest.fail(f"The SMTP sink did not listen on port {self.port} within {timeout} s")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None
        deadline = time.monotonic() + 5
        while port_open(self.port) and time.monotonic() < deadline:
            time.sleep(0.05)

    def received(self):
        """How many times each notification id arrived."""
        counts = Counter()
        for path in self.directory.glob("*.eml"):
            message = email.message_from_bytes(path.read_bytes())
            counts[int(message["X-Intan-Notification"])] += 1
        return counts


if __name__ == "__main__":
    main()
