#!/usr/bin/env python3
"""A TCP proxy in front of Postgres that counts round trips: the messages after which the client waits for the server.

    pg_roundtrips.py LISTEN_PORT UPSTREAM_PORT OUT_JSON

Bytes pass through unchanged in both directions (large reads; only the client's message headers are parsed). In the
frontend protocol, the first message of a connection has no type byte (length, then a code): an SSLRequest or a
GSSENCRequest is answered 'N' here (the connection continues unencrypted, as it would against this Postgres, which
runs without TLS) and the next untyped message is the StartupMessage, whose "database" parameter labels the
connection. After that, every message is 1 type byte + an int32 length that counts itself. A round trip is a Sync
('S', the end of an extended-protocol batch: Parse/Bind/Describe/Execute...) or a simple Query ('Q'); Flush and the
rest are not counted. A CancelRequest opens a connection of its own and is passed through, not counted.

Every 200 ms the totals are written to OUT_JSON (atomically: a rename), per database and per connection:
    {"at": unix seconds, "databases": {db: {"round_trips", "syncs", "queries", "connections"}},
     "connections": [{"id", "database", "round_trips", "open"}]}
"""
import asyncio
import json
import os
import struct
import sys
import time

SSL_REQUEST, GSSENC_REQUEST, CANCEL_REQUEST = 80877103, 80877104, 80877102
CHUNK = 256 * 1024

connections = []  # every connection's counters, open or closed


class Counter:
    def __init__(self, number):
        self.id, self.database, self.syncs, self.queries, self.open = number, None, 0, 0, True


async def pump_server_to_client(upstream, client):
    try:
        while data := await upstream.read(CHUNK):
            client.write(data)
            await client.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        client.close()


async def handle(client_reader, client_writer, upstream_port):
    counter = Counter(len(connections) + 1)
    connections.append(counter)
    upstream_writer = None
    try:
        # Untyped messages: SSLRequest / GSSENCRequest (answered 'N' here), then the StartupMessage or a CancelRequest.
        while True:
            length = struct.unpack("!i", await client_reader.readexactly(4))[0]
            body = await client_reader.readexactly(length - 4)
            code = struct.unpack("!i", body[:4])[0]
            if code in (SSL_REQUEST, GSSENC_REQUEST):
                client_writer.write(b"N")
                await client_writer.drain()
                continue
            break
        if code != CANCEL_REQUEST:
            fields = body[4:].split(b"\0")
            parameters = dict(zip(fields[0::2], fields[1::2]))
            counter.database = (parameters.get(b"database") or parameters.get(b"user") or b"?").decode()
        upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", upstream_port)
        upstream_writer.write(struct.pack("!i", length) + body)
        back = asyncio.create_task(pump_server_to_client(upstream_reader, client_writer))
        # Typed messages: count 'S' and 'Q' headers, skip the bodies without looking at them.
        header, skip = b"", 0
        while data := await client_reader.read(CHUNK):
            upstream_writer.write(data)
            i, n = 0, len(data)
            while i < n:
                if skip:
                    step = min(skip, n - i)
                    skip -= step
                    i += step
                    continue
                take = data[i:i + 5 - len(header)]
                header += take
                i += len(take)
                if len(header) < 5:
                    break
                kind = header[0]
                if kind == 0x53:  # 'S' Sync
                    counter.syncs += 1
                elif kind == 0x51:  # 'Q' Query
                    counter.queries += 1
                skip = struct.unpack("!i", header[1:5])[0] - 4
                header = b""
            await upstream_writer.drain()
        upstream_writer.close()
        await back
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        counter.open = False
        client_writer.close()
        if upstream_writer:
            upstream_writer.close()


def snapshot():
    databases = {}
    for c in connections:
        if c.database is None:
            continue
        d = databases.setdefault(c.database, {"round_trips": 0, "syncs": 0, "queries": 0, "connections": 0})
        d["syncs"] += c.syncs
        d["queries"] += c.queries
        d["round_trips"] += c.syncs + c.queries
        d["connections"] += 1
    return {"at": time.time(), "databases": databases,
            "connections": [{"id": c.id, "database": c.database, "round_trips": c.syncs + c.queries, "open": c.open}
                            for c in connections]}


async def dump(path):
    while True:
        with open(path + ".tmp", "w") as f:
            json.dump(snapshot(), f)
        os.replace(path + ".tmp", path)
        await asyncio.sleep(0.2)


async def main():
    listen_port, upstream_port, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    server = await asyncio.start_server(lambda r, w: handle(r, w, upstream_port), "127.0.0.1", listen_port)
    async with server:
        await asyncio.gather(server.serve_forever(), dump(path))


if __name__ == "__main__":
    asyncio.run(main())
