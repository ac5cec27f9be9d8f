"""The soak's load through the gateway: orders, catalog reads and clickstream batches, each on a fixed schedule (open
loop: a slow answer does not slow the schedule, and a request's latency counts from when it was due), every request
recorded; and the book of orders, which follows each accepted order to its final state through the orders API."""
import http.client
import json
import random
import socket
import sys
import threading
import time
import traceback
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

REQUEST_TIMEOUT = 10
FINAL = ("confirmed", "cancelled")


class Gateway:
    """Keep-alive connections, one per thread, and the record of every request: (kind, start, end, status), status
    being the HTTP code, or "timeout"/"error" when no answer came."""

    def __init__(self, port):
        self.port = port
        self.local = threading.local()
        self.requests = []
        self.late = 0
        self.lock = threading.Lock()

    def send(self, kind, method, path, body=None, headers=None, start=None):
        start = start or time.time()
        if time.time() - start > 1:
            # Every one of the pool's threads was busy waiting for an answer: the schedule slipped.
            with self.lock:
                self.late += 1
        status, data = self._exchange(method, path, body, headers or {})
        with self.lock:
            self.requests.append((kind, start, time.time(), status))
        return status, data

    def _exchange(self, method, path, body, headers):
        while True:
            connection = getattr(self.local, "connection", None)
            fresh = connection is None
            if fresh:
                connection = self.local.connection = http.client.HTTPConnection("localhost", self.port, timeout=REQUEST_TIMEOUT)
            try:
                connection.request(method, path, body, headers)
                response = connection.getresponse()
                return response.status, response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError) as failure:
                connection.close()
                self.local.connection = None
                # On a kept-alive connection the server had already closed, every HTTP client tries again on a new one
                # (orders carry an idempotency key: a second POST cannot place a second order).
                if fresh:
                    return "error", repr(failure).encode()
            except (socket.timeout, OSError, http.client.HTTPException) as failure:
                connection.close()
                self.local.connection = None
                return ("timeout" if isinstance(failure, socket.timeout) else "error"), repr(failure).encode()


def epoch(iso):
    return datetime.fromisoformat(iso).timestamp()


@dataclass
class Order:
    key: str
    customer: str
    submitted: float
    lines: list
    answer: object = None  # the POST's status
    answered: float = None
    id: str = None
    final: str = None
    final_at: float = None
    step: str = None
    reason: str = None
    total: float = None


@dataclass
class Batch:
    """A clickstream batch: its events as (id, kind, quantity), kind as the archive numbers it, and its POST's status."""
    events: list
    status: object = None


class OrderBook:
    """Every order submitted, and where each accepted one stands. Polls only customers with orders still open, every
    POLL_INTERVAL seconds, with a page just long enough to reach their oldest open order: an order's final time is
    the time its history records, so polling less often does not make the latency figures coarser."""

    def __init__(self, gateway, tokens, poll_interval):
        self.gateway, self.tokens, self.poll_interval = gateway, tokens, poll_interval
        self.orders, self.by_id, self.unknown = [], {}, {}
        self.lock = threading.Lock()

    def add(self, order):
        with self.lock:
            self.orders.append(order)

    def accepted(self, order, item):
        with self.lock:
            order.id = item["id"]
            self.by_id[order.id] = order
            listed = self.unknown.pop(order.id, None)
        for seen in (item, listed):
            if seen:
                self.observe(seen)

    def observe(self, item):
        with self.lock:
            order = self.by_id.get(item["id"])
            if order is None:
                # Placed although its POST got no 201 (a timeout, a dropped connection), or listed before its answer came.
                self.unknown[item["id"]] = item
            elif item["status"] in FINAL and order.final is None:
                step = next(step for step in item["history"] if step["status"] in FINAL)
                order.final, order.final_at, order.step = item["status"], epoch(step["at"]), step["step"]
                order.reason, order.total = item["cancellationReason"], item["total"]

    def open_orders(self, customer):
        with self.lock:
            return [order for order in self.orders if order.customer == customer and order.id and order.final is None]

    def poll(self, customer, everything=False):
        """Reads the customer's orders, newest first, down to the oldest open one (all of them if EVERYTHING)."""
        waiting = {order.id for order in self.open_orders(customer)}
        if not waiting and not everything:
            return
        with self.lock:
            oldest = min((o.submitted for o in self.orders if o.id in waiting), default=0)
            newer = sum(1 for o in self.orders if o.customer == customer and o.submitted >= oldest)
        limit = 100 if everything else min(100, newer + 2)
        cursor, pages = None, 0
        while True:
            path = f"/api/orders?limit={limit}" + (f"&cursor={cursor}" if cursor else "")
            status, data = self.gateway.send("order-list", "GET", path, headers={"Authorization": "Bearer " + self.tokens[customer]})
            if status != 200:
                return
            page = json.loads(data)
            for item in page["items"]:
                self.observe(item)
                waiting.discard(item["id"])
            cursor, pages = page["nextCursor"], pages + 1
            if not cursor or (not everything and (not waiting or pages >= 20)):
                return

    def follow(self, stop):
        """Polls until STOP is set."""
        while not stop.is_set():
            began = time.time()
            for customer in self.tokens:
                self.poll(customer)
            stop.wait(max(0.0, self.poll_interval - (time.time() - began)))

    def open_count(self):
        with self.lock:
            return sum(1 for order in self.orders if order.id and order.final is None)


def reporting(function):
    """A bug in a request's code would otherwise vanish inside the thread pool's future."""
    def run(*args):
        try:
            function(*args)
        except Exception:
            traceback.print_exc(file=sys.stderr)
    return run


class Load:
    def __init__(self, gateway, book, run_id, settings, products, categories, readers):
        self.gateway, self.book, self.run_id, self.settings = gateway, book, run_id, settings
        self.products, self.categories, self.readers = products, categories, readers
        self.customers = list(book.tokens)
        # Products of the soak's own (not in the catalog: clickstream accepts any id), so that its counts are its own.
        self.click_products = [f"{uuid.UUID(int=random.getrandbits(128))}" for _ in range(100)]
        self.batches = []

    @reporting
    def place(self, n, due):
        customer = self.customers[n % len(self.customers)]
        lines = [{"productId": product, "quantity": random.randint(1, 2)} for product in random.sample(self.products, random.randint(1, 2))]
        order = Order(str(uuid.uuid4()), customer, due, lines)
        self.book.add(order)
        body = json.dumps({"lines": lines, "paymentToken": "tok_approve"})
        headers = {"Content-Type": "application/json", "Authorization": "Bearer " + self.book.tokens[customer], "Idempotency-Key": order.key}
        order.answer, data = self.gateway.send("order", "POST", "/api/orders", body, headers, start=due)
        order.answered = time.time()
        if order.answer in (200, 201):
            self.book.accepted(order, json.loads(data))

    @reporting
    def read(self, n, due):
        headers = {"Authorization": "Bearer " + self.readers[n % len(self.readers)]}
        if random.random() < 0.85:
            path = f"/api/catalog/products/{random.choice(self.products)}"
        else:
            path = f"/api/catalog/products?category={random.choice(self.categories)}&limit=20"
        self.gateway.send("catalog", "GET", path, headers=headers, start=due)

    @reporting
    def click(self, n, due):
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        events, batch = [], Batch([])
        for _ in range(self.settings.click_batch):
            event = {"id": str(uuid.uuid4()), "sessionId": f"soak-{self.run_id}-s{random.randint(1, 2000)}", "occurredAt": now}
            product, draw = random.choice(self.click_products), random.random()
            if draw < 0.7:
                event.update(type="product-viewed", productId=product, properties={"page": "category"})
                batch.events.append((event["id"], 1, 1))
            elif draw < 0.9:
                event.update(type="added-to-cart", productId=product, quantity=random.randint(1, 3))
                batch.events.append((event["id"], 2, event["quantity"]))
            else:
                event.update(type="searched", query="running jacket")
                batch.events.append((event["id"], 3, 1))
            events.append(event)
        self.batches.append(batch)
        batch.status, _ = self.gateway.send("clickstream", "POST", "/api/analytics/events", json.dumps({"events": events}),
                                            {"Content-Type": "application/json"}, start=due)

    def run(self, phases):
        """Sends everything on schedule through PHASES, (start, seconds, share of the rates) one after the other, then
        waits for the last answers."""
        streams = [(self.settings.order_rate, self.place), (self.settings.read_rate, self.read), (self.settings.click_rate, self.click)]
        with ThreadPoolExecutor(max_workers=256) as pool:
            pacers = [threading.Thread(target=pace, args=(rate, phases, send, pool)) for rate, send in streams if rate > 0]
            for pacer in pacers:
                pacer.start()
            for pacer in pacers:
                pacer.join()


def pace(rate, phases, send, pool):
    n = 0  # across phases, so that customers and readers keep taking turns
    for start, seconds, share in phases:
        interval = 1 / (rate * share)
        k = 0
        while k * interval < seconds:
            due = start + k * interval
            time.sleep(max(0.0, due - time.time()))
            pool.submit(send, n, due)
            n, k = n + 1, k + 1
