#!/usr/bin/env python3
"""Places orders at a fixed rate (open loop: a slow answer does not slow the schedule) and reports what came back.

    order_load.py URL RATE SECONDS PRODUCT_ID[,PRODUCT_ID...]

TOKEN is the customer's bearer token: the orders are theirs.
"""
import json
import os
import sys
import uuid
from urllib.parse import urlparse

import open_loop

url, rate, seconds, products = urlparse(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4].split(",")
authorization = "Bearer " + os.environ["TOKEN"]
total = int(rate * seconds)
orders = (
    (json.dumps({"lines": [{"productId": products[n % len(products)], "quantity": 1}], "paymentToken": "tok_approve"}),
     {"Content-Type": "application/json", "Authorization": authorization, "Idempotency-Key": str(uuid.uuid4())})
    for n in range(total))
statuses, elapsed = open_loop.run(url, "/api/v1/orders", orders, 1 / rate)
print(json.dumps({"sent": total, "seconds": round(elapsed, 2), "statuses": statuses}))
