"""Child processes of the load test: a free loopback port, waiting for a server, stopping a
process group, and the CPU they used."""

import os
import resource
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode} before answering")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer {url} within {timeout} s")


def stop(process, name):
    """Terminate the process group (gunicorn's workers, locust's greenlets), then kill it."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        print(f"{name} did not stop in 20 s: killing it", flush=True)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass


def cpu_seconds(pid):
    """CPU time (user + system) of a process and its children so far, or None without psutil."""
    try:
        import psutil
    except ImportError:
        return None
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return None
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except psutil.Error:
            pass
    return total


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class CpuSampler:
    """Samples a process tree's CPU seconds (`cpu_seconds`) every `interval` seconds in a thread,
    as (epoch seconds, CPU seconds): the CPU spent after any moment of the run (the last
    sign-in) is the last sample minus the first one taken at or after it."""

    def __init__(self, pid, interval=0.5):
        self.pid = pid
        self.interval = interval
        self.samples = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self):
        cpu = cpu_seconds(self.pid)
        if cpu is not None:
            self.samples.append((time.time(), cpu))

    def _run(self):
        while not self._stop.wait(self.interval):
            self._sample()

    def start(self):
        self._sample()
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()
        self._thread.join()
        self._sample()
        return self.samples


def redis_flush(url):
    """Empty the load test's own Redis database (its cache entries and broker queues), before
    the run and after it."""
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    try:
        client.flushdb()
    except redis.RedisError as exc:
        raise SystemExit(f"Redis does not answer at {url} ({exc}): run `make services`") from exc
    finally:
        client.close()


def wait_for_line(path, text, process, name, timeout=60):
    """Wait until `text` appears in the log at `path` (a worker's " ready.")."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{name} exited with {process.returncode} before it was ready")
        if text in path.read_text(encoding="utf-8", errors="replace"):
            return
        time.sleep(0.3)
    raise SystemExit(f"{name} was not ready within {timeout} s (see {path})")
