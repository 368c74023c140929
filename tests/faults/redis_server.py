"""A real `redis-server` process of the test's own, which a fault test may stop and start.

The shared Redis on 6379 serves every other test (and the other pytest-xdist process), so an
outage is staged on a private server on a free port instead.
"""

import shutil
import socket
import subprocess
import time

import pytest
import redis


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """start() / stop() a redis-server on one port; the port stays the same across restarts."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def ping(self):
        try:
            return redis.Redis(port=self.port, socket_connect_timeout=0.5).ping()
        except redis.RedisError:
            return False

    def start(self, timeout=10):
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.fail("redis-server is not installed (Debian: apt-get install redis-server).")
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.ping():
                return self
            time.sleep(0.05)
        self.stop()
        pytest.fail(f"redis-server did not answer on port {self.port} within {timeout} s")

    def stop(self):
        """Stop the server the hard way (SIGKILL), as an outage would."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None
        deadline = time.monotonic() + 5
        while self.ping() and time.monotonic() < deadline:
            time.sleep(0.05)


@pytest.fixture
def redis_server():
    """A private, running Redis; always stopped at the end."""
    server = RedisServer().start()
    try:
        yield server
    finally:
        server.stop()
