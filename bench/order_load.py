#!/usr/bin/env python3
"""Places orders at a fixed rate (open loop: a slow answer does not slow the schedule) and reports what came back.

    order_load.py URL RATE SECONDS PRODUCT_ID[,PRODUCT_ID...]
"""
import http.client
import json
import os
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

url, rate, seconds, products = urlparse(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4].split(",")
local = threading.local()
statuses = {}
lock = threading.Lock()


def place(n):
    if not hasattr(local, "conn"):
        local.conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    body = json.dumps({"lines": [{"productId": products[n % len(products)], "quantity": 1}], "paymentToken": "tok_approve"})
    headers = {"Content-Type": "application/json", "X-Customer-Id": os.environ.get("CUSTOMER", "bench-latency"), "Idempotency-Key": str(uuid.uuid4())}
    try:
        local.conn.request("POST", "/api/v1/orders", body, headers)
        response = local.conn.getresponse()
        response.read()
        status = response.status
    except Exception:  # a dropped connection counts as a failed request, and the next one reconnects
        local.conn.close()
        del local.conn
        status = "error"
    with lock:
        statuses[status] = statuses.get(status, 0) + 1


total = int(rate * seconds)
start = time.monotonic()
with ThreadPoolExecutor(max_workers=64) as pool:
    for n in range(total):
        delay = start + n / rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        pool.submit(place, n)
print(json.dumps({"sent": total, "seconds": round(time.monotonic() - start, 2), "statuses": statuses}))
