#!/usr/bin/env python3
"""Posts clickstream events at a fixed rate, in batches (open loop: a slow answer does not slow the schedule), and
reports what came back. Same mix as events-post.lua: 70% product-viewed, 20% added-to-cart, 10% searched, over 1000
products and 100000 anonymous sessions; every event id new. The bodies are built before the clock starts: building
them while sending took half a core, which the service under test then did not have.

    event_load.py URL EVENTS_PER_SECOND SECONDS BATCH [READY_FILE]

READY_FILE is created when the bodies are built and sending starts.
"""
import json
import random
import sys
import time
import uuid
from urllib.parse import urlparse

import open_loop

url, rate, seconds, batch = urlparse(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
ready = sys.argv[5] if len(sys.argv) > 5 else None
pages = ["home", "category", "search", "recommendations"]
queries = ["red shoes", "running jacket", "wireless headphones", "coffee grinder", "desk lamp"]


def event(now):
    # Every visitor is anonymous, as in events-post.lua: an event naming a user needs that user's token.
    head = f'{{"id":"{uuid.uuid4()}","sessionId":"s-{random.randint(1, 100000)}","occurredAt":"{now}",'
    product = f"7c9e6679-7425-40de-944b-{random.randint(1, 1000):012x}"  # product k has a fixed id, as in events-post.lua
    draw = random.random()
    if draw < 0.7:
        return head + f'"type":"product-viewed","productId":"{product}","properties":{{"page":"{random.choice(pages)}"}}}}'
    if draw < 0.9:
        return head + f'"type":"added-to-cart","productId":"{product}","quantity":{random.randint(1, 3)}}}'
    return head + f'"type":"searched","query":"{random.choice(queries)}"}}'


requests = int(rate * seconds / batch)
now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
bodies = ['{"events":[' + ",".join(event(now) for _ in range(batch)) + "]}" for _ in range(requests)]
if ready:
    open(ready, "w").close()
statuses, elapsed = open_loop.run(url, "/api/v1/events", ((body, {"Content-Type": "application/json"}) for body in bodies), batch / rate)
accepted = statuses.get(202, 0) * batch
print(json.dumps({"events": accepted, "seconds": round(elapsed, 2), "rate": round(accepted / elapsed), "statuses": statuses}))
