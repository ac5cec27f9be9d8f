"""Sends requests on a fixed schedule (open loop: a slow answer does not slow the schedule) from a pool of threads,
each with its own keep-alive connection, and counts the answers by status."""
import http.client
import threading
import time
from concurrent.futures import ThreadPoolExecutor


def run(url, path, requests, interval):
    """Sends each (body, headers) of `requests` at start + n * interval; returns (statuses, seconds)."""
    local = threading.local()
    statuses = {}
    lock = threading.Lock()

    def send(body, headers):
        if not hasattr(local, "conn"):
            local.conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        try:
            local.conn.request("POST", path, body, headers)
            response = local.conn.getresponse()
            response.read()
            status = response.status
        except Exception:  # a dropped connection counts as a failed request, and the next one reconnects
            local.conn.close()
            del local.conn
            status = "error"
        with lock:
            statuses[status] = statuses.get(status, 0) + 1

    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=64) as pool:
        for n, (body, headers) in enumerate(requests):
            delay = start + n * interval - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            pool.submit(send, body, headers)
    return statuses, time.monotonic() - start
