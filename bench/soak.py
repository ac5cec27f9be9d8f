#!/usr/bin/env python3
"""The soak's driver (bench/soak.sh starts the app and runs this): a steady mixed load through the gateway while four
faults are injected, then the invariants and the summary. Exits 1 if an invariant is violated.

    soak.py WORK_DIR (--marker NAME=VALUE | --apphost PID | --apphost any) [options]

WORK_DIR receives requests.csv, orders.csv, summary.json and the logs of servers the soak had to restart itself.
"""
import argparse
import json
import math
import os
import sys
import threading
import time
import uuid

from bearer_token import sign
from soak_check import Check
from soak_faults import Fallbacks, inject
from soak_load import Gateway, Load, OrderBook
from soak_system import Run, find_run_folder

options = argparse.ArgumentParser()
options.add_argument("work")
options.add_argument("--marker", help="NAME=VALUE in the environment of the AppHost soak.sh started")
options.add_argument("--apphost", help="the pid of a running AppHost to attach to, or 'any' when only one runs")
options.add_argument("--seconds", type=float, default=200)
options.add_argument("--fault-spacing", type=float, default=40)
options.add_argument("--warmup", type=float, default=15)
options.add_argument("--order-rate", type=float, default=40)
options.add_argument("--customers", type=int, default=40)
options.add_argument("--read-rate", type=float, default=100)
options.add_argument("--click-rate", type=float, default=3)
options.add_argument("--click-batch", type=int, default=50)
options.add_argument("--poll-interval", type=float, default=3, help="seconds between two polls of a customer's open orders")
options.add_argument("--bound", type=float, default=30, help="seconds a killed process has to come back")
options.add_argument("--grace", type=float, default=5, help="seconds a fault window lasts after its component is back")
options.add_argument("--settle", type=float, default=120, help="seconds the system has to settle after the load")
options.add_argument("--gateway-port", type=int, default=5100)
settings = options.parse_args()

folder = find_run_folder(settings.marker, None if settings.apphost in (None, "any") else int(settings.apphost))
if folder is None:
    sys.exit("No single running AppHost found (name one with --apphost PID).")
run = Run(folder)
replicas = run.wait_healthy(120)
print(f"app: {folder}; replicas {', '.join(f'{s} {n}' for s, n in replicas.items())}")

catalog = run.databases["catalogdb"]
initial_stock = {product: (int(available), int(reserved)) for product, available, reserved in catalog.rows("SELECT product_id, available, reserved FROM stock")}
# Plenty of stock, so that an order cancelled for want of it is a finding rather than the soak's design.
orderable = sorted(product for product, (available, _) in initial_stock.items() if available >= 100)
categories = [slug for (slug,) in catalog.rows("SELECT slug FROM categories")]

run_id = uuid.uuid4().hex[:8]
issuer, audience, key = run.jwt
customers = {f"soak-{run_id}-c{n:02d}": sign(f"soak-{run_id}-c{n:02d}", "customer", issuer, audience, key) for n in range(1, settings.customers + 1)}
# Catalog reads are signed in: anonymous callers share one budget per address (1,200 a minute) and this is one address.
# Five reads a second per reader is half a user's budget (600 a minute).
readers = [sign(f"soak-{run_id}-r{n:02d}", "customer", issuer, audience, key) for n in range(1, max(2, math.ceil(settings.read_rate / 5) + 1))]

gateway = Gateway(settings.gateway_port)
book = OrderBook(gateway, customers, settings.poll_interval)
load = Load(gateway, book, run_id, settings, orderable, categories, readers)
fallbacks = Fallbacks(settings.work, settings.marker or f"SOAK_RESTARTED={run_id}")
faults = []

# The services start cold (JIT, connection pools, caches): a warm-up at half the rates comes first. Its orders count for
# the invariants and the cancellations, its requests for the 5xx; neither counts for the latency figures.
warm = time.time() + 1
start = warm + settings.warmup
print(f"load for {settings.warmup:.0f} s at half the rates, then {settings.seconds:.0f} s: {settings.order_rate:g} orders/s from {settings.customers} customers over {len(orderable)} products, "
      f"{settings.read_rate:g} catalog reads/s, {settings.click_rate:g} clickstream batches/s of {settings.click_batch}; "
      f"faults every {settings.fault_spacing:g} s (run {run_id})", flush=True)
stop = threading.Event()
threads = [threading.Thread(target=inject, args=(run, fallbacks, start, settings.fault_spacing, settings.seconds, settings.bound, faults)),
           threading.Thread(target=book.follow, args=(stop,))]
for thread in threads:
    thread.start()


def progress():
    while not stop.wait(10):
        five = sum(1 for r in gateway.requests if not isinstance(r[3], int) or r[3] >= 500)
        print(f"  t{time.time() - start:+6.0f} s  orders {len(book.orders)} sent, {len(book.by_id)} accepted, {book.open_count()} open; "
              f"5xx or no answer {five}; load average {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)


threading.Thread(target=progress, daemon=True).start()
load.run([(warm, settings.warmup, 0.5), (start, settings.seconds, 1.0)])
load_end = time.time()
stop.set()
for thread in threads:
    thread.join()
if fallbacks.started:
    print("servers restarted by the soak (left to soak.sh to stop): " + ", ".join(str(p.pid) for p in fallbacks.started))

print(f"settling (at most {settings.settle:.0f} s)", flush=True)
deadline = time.time() + settings.settle
check = Check(run, book, load, faults, settings, warm, start, initial_stock)
try:
    check.settle(deadline)
    data, error = check.settle_data(max(deadline, time.time() + 60))  # the databases get a minute whatever the orders took
    print(f"settled after {time.time() - load_end:.0f} s", flush=True)
    check.invariants(data, error)
    text, summary = check.summary(load_end)
finally:
    check.write(settings.work)  # the records survive a bug in the checks
print(text)
with open(f"{settings.work}/summary.json", "w") as f:
    json.dump(dict(summary, settings=vars(settings), run_id=run_id, start=start), f, indent=1, default=str)
sys.exit(0 if check.all_held() else 1)
