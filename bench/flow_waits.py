#!/usr/bin/env python3
"""Samples, every 250 ms (less often on a busy machine), what admission control adds up: how long the oldest message
not yet delivered to each consumer group of the order flow has waited, and the oldest unrelayed row of ordering's
outbox; prints one JSON line per sample (seconds).

    flow_waits.py REDIS_PORT POSTGRES_PORT SECONDS
"""
import json
import subprocess
import sys
import time

redis_port, pg_port, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
hops = [("events:ordering", "catalog"), ("events:ordering", "payments"), ("events:catalog", "ordering"), ("events:payments", "ordering")]


def cli(*args):
    return subprocess.run(["redis-cli", "-p", redis_port, "--raw", *args], capture_output=True, text=True).stdout.split("\n")


end = time.time() + seconds
while time.time() < end:
    now_ms = time.time() * 1000
    sample = {"t": round(time.time(), 3)}
    for stream, group in hops:
        lines = cli("XINFO", "GROUPS", stream)
        last = None
        for i in range(len(lines) - 1):
            if lines[i] == "name" and lines[i + 1] == group:
                j = lines.index("last-delivered-id", i)
                last = lines[j + 1]
                break
        age = 0.0
        if last is not None:
            nxt = cli("XRANGE", stream, "(" + last, "+", "COUNT", "1")
            if nxt and "-" in nxt[0]:
                age = max(0.0, (now_ms - int(nxt[0].split("-")[0])) / 1000)
        sample[f"{stream}>{group}"] = round(age, 3)
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-p", pg_port, "-U", "postgres", "-d", "orderingdb", "-qAt", "-c",
        "SELECT coalesce(extract(epoch FROM now() - min(occurred_at)), 0) FROM messaging.outbox WHERE published_at IS NULL"], capture_output=True, text=True).stdout.strip()
    sample["outbox"] = round(float(out or 0), 3)
    print(json.dumps(sample), flush=True)
    time.sleep(max(0, 0.25 - (time.time() * 1000 - now_ms) / 1000))
