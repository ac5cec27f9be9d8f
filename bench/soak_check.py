"""After the load: wait for the system to settle, check the invariants, and print the summary.

Fault windows: from a fault's injection until its component serves again, plus GRACE seconds for clients to
reconnect (a component not back closes its window at the recovery bound). A request or an order is *inside* when its
lifetime (sent → answered, submitted → final) overlaps a window: an order submitted just before a kill and held up by
it is the fault's doing. Everything else is *outside*, where the goals ask for no 5xx and no timeout.
"""
import json
import math
import resource
import subprocess
import time
from collections import Counter

from soak_faults import RESTARTED_BY_APPHOST

FINAL = ("confirmed", "cancelled")


def percentile(values, fraction):
    """Nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)] if ordered else None


def overlaps(begin, end, windows):
    return any(begin <= b and end >= a for a, b in windows)


def since(fault, moment):
    return f"+{moment - fault.injected:.1f} s" if moment else "none"


def is_5xx(status):
    """An answer of 500 or more, or no answer at all (a proxy would have said 502 or 504)."""
    return not isinstance(status, int) or status >= 500


class Check:
    def __init__(self, run, book, load, faults, settings, began, start, initial_stock):
        """BEGAN: the warm-up's start; START: the measured load's."""
        self.run, self.book, self.load, self.faults, self.settings = run, book, load, faults, settings
        self.began, self.start, self.initial_stock = began, start, initial_stock
        self.windows = [window for window in (fault.window(settings.bound, settings.grace) for fault in faults) if window]
        self.results = []

    # --- settling -----------------------------------------------------------------------------------------------------

    def settle(self, deadline):
        """Polls until every order the soak knows of is final, then lists every order of its customers (orders placed
        although their POST got no 201 included) until those are final too, or DEADLINE passes."""
        while self.book.open_count() and time.time() < deadline:
            for customer in self.book.tokens:
                self.book.poll(customer)
            time.sleep(self.settings.poll_interval)
        while True:
            for customer in self.book.tokens:
                self.book.poll(customer, everything=True)
            if all(item["status"] in FINAL for item in self.book.unknown.values()) or time.time() > deadline:
                return
            time.sleep(self.settings.poll_interval)

    def settle_data(self, deadline):
        """Reads the databases until their effects have caught up with the orders (stock no longer reserved, every
        outbox relayed and audited, every accepted click archived) or DEADLINE passes. Returns what it read last, and
        the error if the databases never answered (a Postgres out of connections, say)."""
        data, error = None, None
        while True:
            try:
                data = self.read_data()
            except (RuntimeError, subprocess.TimeoutExpired) as failure:
                data, error = None, failure
            if data and self.caught_up(data) or time.time() > deadline:
                return data, error
            time.sleep(2)

    def caught_up(self, data):
        return (all(published for rows in data["outbox"].values() for _, published in rows)
                and {event for rows in data["outbox"].values() for event, _ in rows} <= data["audit"]
                and self.accepted_clicks().keys() <= data["clicks"].keys()
                and all(data["stock"].get(p, (0, 0))[1] == self.initial_stock[p][1] for p in self.touched_products()))

    def read_data(self):
        since = f"to_timestamp({self.began - 5})"
        db = self.run.databases
        outbox = {}
        for name, database in db.items():
            if database.rows("SELECT to_regclass('messaging.outbox') IS NOT NULL") == [["t"]]:
                outbox[name] = [(event, published == "t") for event, published in database.rows(
                    f"SELECT event_id, published_at IS NOT NULL FROM messaging.outbox WHERE occurred_at >= {since}")]
        click_products = "'{" + ",".join(self.load.click_products) + "}'::uuid[]"
        return {
            "stock": {p: (int(a), int(r)) for p, a, r in db["catalogdb"].rows("SELECT product_id, available, reserved FROM stock")},
            "reservations": dict(db["catalogdb"].rows(f"SELECT order_id, status FROM stock_reservations WHERE created_at >= {since}")),
            "payments": {order: (status, float(amount), int(authorizations), float(balance)) for order, status, amount, authorizations, balance in db["paymentsdb"].rows(f"""
                SELECT p.order_id, p.status, p.amount,
                       (SELECT count(*) FROM ledger l WHERE l.order_id = p.order_id AND l.entry = 'authorization'),
                       (SELECT coalesce(sum(l.amount), 0) FROM ledger l WHERE l.order_id = p.order_id)
                FROM payments p WHERE p.created_at >= {since}""")},
            "outbox": outbox,
            "audit": {event for (event,) in db["analyticsdb"].rows(f"SELECT event_id FROM audit_log WHERE occurred_at >= {since}")},
            "clicks": {event: int(kind) for event, kind in db["analyticsdb"].rows(
                f"SELECT event_id, kind FROM raw_events WHERE occurred_at >= {since} AND session_id LIKE 'soak-{self.load.run_id}-%'")},
            "windows": [int(n) for n in db["analyticsdb"].rows(
                f"SELECT coalesce(sum(views), 0), coalesce(sum(carts), 0) FROM product_minutes WHERE product_id = ANY({click_products})")[0]],
        }

    # --- what the soak did --------------------------------------------------------------------------------------------

    def accepted_orders(self):
        return [order for order in self.book.orders if order.id]

    def all_orders(self):
        """{id: (status, lines, total)} of every order of the soak's customers, known or only listed."""
        orders = {o.id: (o.final, o.lines, o.total) for o in self.accepted_orders()}
        for item in self.book.unknown.values():
            orders[item["id"]] = (item["status"] if item["status"] in FINAL else None, item["lines"], item["total"])
        return orders

    def touched_products(self):
        return {line["productId"] for _, lines, _ in self.all_orders().values() for line in lines}

    def accepted_clicks(self):
        return {event: kind for batch in self.load.batches if batch.status == 202 for event, kind, _ in batch.events}

    def inside(self, begin, end):
        return overlaps(begin, end, self.windows)

    def fives_outside(self):
        """Requests answered 5xx, or not at all, outside every fault window, the warm-up's included."""
        return [r for r in self.load.gateway.requests if is_5xx(r[3]) and not self.inside(r[1], r[2])]

    # --- invariants ---------------------------------------------------------------------------------------------------

    def verdict(self, name, held, detail):
        self.results.append((name, held, detail))

    def all_held(self):
        return all(held is True for _, held, _ in self.results)

    def invariants(self, data, error):
        """Each as held (True), violated (False) or not checked (None)."""
        accepted = self.accepted_orders()
        not_final = [o for o in accepted if o.final is None]
        unknown_open = [i for i in self.book.unknown.values() if i["status"] not in FINAL]
        self.verdict("every accepted order final", not not_final and not unknown_open,
                     f"{len(accepted)} accepted, {len(accepted) - len(not_final)} final; {len(self.book.unknown)} placed without a 201 "
                     f"(a timeout or a dropped answer), {len(self.book.unknown) - len(unknown_open)} of them final")

        if data:
            self.database_invariants(data)
        else:
            self.verdict("stock, reservations, payments, audit and clickstream reconciled", None, f"not checked: the databases did not answer ({error})")

        outside = self.fives_outside()
        self.verdict("no 5xx outside fault windows", not outside,
                     f"{len(outside)} outside ({dict(Counter(f'{r[0]} {r[3]}' for r in outside))})" if outside else "0 outside (no answer counts as a 5xx)")

        unrecovered = [f for f in self.faults if f.how != RESTARTED_BY_APPHOST]
        self.verdict(f"every killed process restarted by the AppHost within {self.settings.bound:.0f} s", not unrecovered,
                     f"{len(self.faults)} faults; " + ("; ".join(f"{f.name}: {f.how}" for f in unrecovered) if unrecovered else "all back"))

    def database_invariants(self, data):
        orders = self.all_orders()
        sold = Counter()
        for status, lines, _ in orders.values():
            if status == "confirmed":
                for line in lines:
                    sold[line["productId"]] += line["quantity"]
        wrong, left = [], 0
        for product in self.touched_products():
            available, reserved = data["stock"].get(product, (0, 0))
            available0, reserved0 = self.initial_stock[product]
            left += reserved - reserved0
            if available0 + reserved0 - sold[product] - reserved != available or reserved != reserved0:
                wrong.append(product)
        self.verdict("stock conserved per product", not wrong,
                     f"{len(self.touched_products())} products ordered, {sum(sold.values())} units sold; initial - sold - reserved != available "
                     f"or units still reserved: {len(wrong)} products ({left} units left reserved)")

        settled = {"confirmed": ("committed",), "cancelled": ("released", "rejected", None)}
        mismatched = Counter(f"{status}/{data['reservations'].get(order)}" for order, (status, _, _) in orders.items()
                             if status in settled and data["reservations"].get(order) not in settled[status])
        self.verdict("stock reservations settled as their orders ended", not mismatched,
                     "confirmed -> committed, cancelled -> released/rejected/none" + (f"; mismatched: {dict(mismatched)}" if mismatched else ""))

        payments = data["payments"]
        unpaid, live, wrong_amount = 0, 0, 0
        for order, (status, _, total) in orders.items():
            payment = payments.get(order)
            if status == "confirmed":
                if not payment or payment[0] != "authorized" or payment[2] != 1:
                    unpaid += 1
                elif total is not None and abs(payment[3] - float(total)) > 0.005:
                    wrong_amount += 1
            elif status == "cancelled" and payment and (payment[0] == "authorized" or abs(payment[3]) > 0.005):
                live += 1
        self.verdict("one payment per confirmed order, no live charge for a cancelled one", not (unpaid or live or wrong_amount),
                     f"confirmed without exactly one authorization: {unpaid}; ledger balance != order total: {wrong_amount}; "
                     f"cancelled with a live charge: {live}")

        published = {event for rows in data["outbox"].values() for event, done in rows if done}
        unpublished = sum(1 for rows in data["outbox"].values() for _, done in rows if not done)
        missing = published - data["audit"]
        self.verdict("every integration event audited", not missing and not unpublished,
                     f"{len(published)} events relayed from " + ", ".join(f"{db} {len(rows)}" for db, rows in data["outbox"].items())
                     + f"; not in the audit log: {len(missing)}; still in an outbox: {unpublished}")

        accepted_clicks = self.accepted_clicks()
        refused = {event for batch in self.load.batches if isinstance(batch.status, int) and batch.status != 202 for event, _, _ in batch.events}
        archived = data["clicks"]
        lost = accepted_clicks.keys() - archived.keys()
        stored_refused = refused & archived.keys()
        quantities = {event: quantity for batch in self.load.batches for event, _, quantity in batch.events}
        views = sum(1 for kind in archived.values() if kind == 1)
        carts = sum(quantities[event] for event, kind in archived.items() if kind == 2)
        unanswered = len(archived.keys() - accepted_clicks.keys() - refused)
        self.verdict("clickstream counts exact", not lost and not stored_refused and data["windows"] == [views, carts],
                     f"{len(accepted_clicks)} events accepted, {len(archived)} archived ({unanswered} from batches without an answer); "
                     f"accepted but not archived: {len(lost)}; refused but archived: {len(stored_refused)}; "
                     f"windows count views {data['windows'][0]}/{views}, cart units {data['windows'][1]}/{carts}")

    # --- summary ------------------------------------------------------------------------------------------------------

    def summary(self, load_end):
        s, lines = self.settings, []
        out = lines.append
        requests = [r for r in self.load.gateway.requests if r[1] >= self.start]
        warm_requests = [r for r in self.load.gateway.requests if r[1] < self.start]
        warm_orders = [o for o in self.book.orders if o.submitted < self.start]
        out(f"warm-up ({self.start - min((r[1] for r in warm_requests), default=self.start):.0f} s, counted by the invariants, not below): "
            f"{len(warm_orders)} orders, {sum(o.final == 'confirmed' for o in warm_orders)} confirmed; {len(warm_requests)} requests, "
            f"{sum(is_5xx(r[3]) for r in warm_requests)} of them 5xx or unanswered")
        orders = [o for o in self.book.orders if o.submitted >= self.start]
        accepted = [o for o in orders if o.id]
        final = [o for o in accepted if o.final]
        answers = Counter(str(o.answer) for o in orders)
        out(f"orders: {len(orders)} submitted (POST answers {dict(sorted(answers.items()))}), {len(accepted)} accepted, "
            f"{sum(o.final == 'confirmed' for o in accepted)} confirmed, {sum(o.final == 'cancelled' for o in accepted)} cancelled, "
            f"{len(accepted) - len(final)} not final; {len(self.book.unknown)} more placed without a 201")
        latency = {True: [], False: []}
        for o in final:
            latency[self.inside(o.submitted, o.final_at)].append((o.final_at - o.submitted) * 1000)
        for where, values in (("outside", latency[False]), ("inside", latency[True])):
            if values:
                out(f"  submitted -> final {where} fault windows: {len(values)} orders, p50 {percentile(values, .5):.0f} ms, "
                    f"p99 {percentile(values, .99):.0f} ms, max {max(values):.0f} ms")
        # The warm-up's cancellations count: a timeout there is no less a timeout.
        reasons = Counter((o.step, o.reason, self.inside(o.submitted, o.final_at)) for o in self.accepted_orders() if o.final == "cancelled")
        for (step, reason, inside), count in sorted(reasons.items(), key=lambda item: -item[1]):
            out(f"  cancelled (the warm-up's included) {'inside' if inside else 'OUTSIDE'} fault windows: {count} x {step}: {reason}")
        timeouts_outside = sum(count for (step, _, inside), count in reasons.items() if step == "timed-out" and not inside)

        out("requests: inside fault windows | outside (5xx counts the unanswered) | latency outside p50/p99")
        for kind in sorted({r[0] for r in requests}):
            mine = [r for r in requests if r[0] == kind]
            cells = []
            for inside in (True, False):
                part = [r for r in mine if self.inside(r[1], r[2]) == inside]
                cells.append(f"{len(part)} sent, {sum(is_5xx(r[3]) for r in part)} 5xx ({sum(r[3] == 503 for r in part)} x 503, "
                             f"{sum(not isinstance(r[3], int) for r in part)} unanswered), {sum(r[3] == 429 for r in part)} x 429")
            outside_ms = [(r[2] - r[1]) * 1000 for r in mine if not self.inside(r[1], r[2])]
            tail = f"{percentile(outside_ms, .5):.0f}/{percentile(outside_ms, .99):.0f} ms" if outside_ms else "-"
            out(f"  {kind:<12} {cells[0]:<52} | {cells[1]:<52} | {tail}")

        out(f"faults (window = kill -> back + {s.grace:.0f} s):")
        replica_times = []
        for fault in self.faults:
            after = [o for o in accepted if o.submitted >= fault.injected]
            first_201 = min((o.answered for o in after), default=None)
            first_final = min((o.final_at for o in after if o.final == "confirmed"), default=None)
            back = fault.back - fault.injected if fault.back else None
            if fault.name.endswith("replica"):
                replica_times.append(back)
            out(f"  t+{fault.injected - self.start:5.1f} s {fault.name:<17} back after {f'{back:.1f} s' if back is not None else 'NOT back'} "
                f"({fault.how}); first order placed after the kill accepted {since(fault, first_201)}, confirmed {since(fault, first_final)}")

        used = resource.getrusage(resource.RUSAGE_SELF)
        out(f"load generator (this process): {used.ru_utime + used.ru_stime:.0f} s of CPU over {time.time() - self.began:.0f} s; "
            f"requests sent more than 1 s after they were due: {self.load.gateway.late}")
        out("invariants:")
        for name, held, detail in self.results:
            out(f"  {'held     ' if held else 'VIOLATED ' if held is False else 'UNCHECKED'} {name}: {detail}")

        p99 = percentile(latency[False], .99)
        five_outside = len(self.fives_outside())
        goals = [
            ("orders cancelled by timeout outside fault windows", f"{timeouts_outside}", "0", timeouts_outside == 0),
            ("submitted -> final p99 outside fault windows", f"{p99:.0f} ms" if p99 is not None else "-", "< 1000 ms", p99 is not None and p99 < 1000),
            ("5xx (or no answer) outside fault windows", f"{five_outside}", "0", five_outside == 0),
            ("invariants held", f"{sum(h is True for _, h, _ in self.results)} of {len(self.results)}", "all", self.all_held()),
            ("killed replicas back", ", ".join(f"{t:.1f} s" if t is not None else "never" for t in replica_times) or "-", "< 10 s",
             bool(replica_times) and all(t is not None and t < 10 for t in replica_times)),
        ]
        out("goals:")
        for name, value, goal, met in goals:
            out(f"  {name:<52} {value:<20} goal {goal:<10} {'met' if met else 'NOT met'}")
        return "\n".join(lines), {"goals": [dict(zip(("name", "value", "goal", "met"), g)) for g in goals],
                                  "invariants": [dict(zip(("name", "held", "detail"), r)) for r in self.results],
                                  "faults": [vars(f) for f in self.faults], "windows": self.windows, "load_end": load_end}

    def write(self, work):
        with open(f"{work}/requests.csv", "w") as f:
            f.write("kind,start,end,status\n")
            f.writelines(f"{k},{a:.3f},{b:.3f},{s}\n" for k, a, b, s in self.load.gateway.requests)
        with open(f"{work}/orders.csv", "w") as f:
            f.write("id,customer,submitted,answer,final,final_at,step,reason\n")
            f.writelines(f"{o.id},{o.customer},{o.submitted:.3f},{o.answer},{o.final},{o.final_at or ''},{o.step},{json.dumps(o.reason)}\n"
                         for o in self.book.orders)
