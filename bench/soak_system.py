"""One run of the app, seen from outside as an operator would see it: processes through /proc, ports through `ss`,
databases through the connection strings the AppHost handed the services.

Nothing here depends on how the AppHost launches a service. A service's process is any process whose environment
carries its OTEL_SERVICE_NAME and a connection string to this run's Redis; the replica is the one of those that
listens on a port (a `dotnet run` wrapper carries the same environment and serves nothing; `dotnet X.dll` and the
apphost executable look alike here). Redis and Postgres are found by their data folders under the run's folder,
$TMPDIR/store-infrastructure/<apphost-pid>-<id>/<resource>/: Redis rewrites its command line and environment (its
process title), so it is known by its working directory; Postgres by its postmaster.pid.
"""
import os
import re
import select
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field

SERVICES = ("catalog", "ordering", "payments", "analytics", "gateway")


def _read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def pids():
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def environ(pid):
    raw = _read(f"/proc/{pid}/environ") or b""
    return dict(item.split("=", 1) for item in raw.decode(errors="replace").split("\0") if "=" in item)


def cmdline(pid):
    raw = _read(f"/proc/{pid}/cmdline") or b""
    return raw.decode(errors="replace").split("\0")[:-1]


def alive(pid):
    """Running, not a zombie waiting for its parent to reap it (a SIGKILLed process stays one until DCP does)."""
    stat = _read(f"/proc/{pid}/stat")
    return stat is not None and stat.decode(errors="replace").rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def parent(pid):
    stat = _read(f"/proc/{pid}/stat")
    return int(stat.decode(errors="replace").rsplit(")", 1)[1].split()[1]) if stat else None


def cwd(pid):
    try:
        return os.readlink(f"/proc/{pid}/cwd")
    except OSError:
        return None


def listening_ports():
    """{pid: {port, ...}} of every TCP listener."""
    ports = {}
    for line in subprocess.run(["ss", "-ltnpH"], capture_output=True, text=True, check=True).stdout.splitlines():
        columns = line.split()
        if len(columns) < 6:
            continue
        port = int(columns[3].rsplit(":", 1)[1])
        for pid in re.findall(r"pid=(\d+)", columns[5]):
            ports.setdefault(int(pid), set()).add(port)
    return ports


def connection_settings(connection_string):
    """An Npgsql connection string, "Key=Value;..." (values may be quoted), as {lower-case key: value}."""
    settings = {}
    for match in re.finditer(r"\s*([^=;]+?)\s*=\s*(\"(?:[^\"]|\"\")*\"|'(?:[^']|'')*'|[^;]*)\s*(?:;|$)", connection_string):
        value = match.group(2)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1].replace(value[0] * 2, value[0])
        settings[match.group(1).lower()] = value
    return settings


def http_ok(url, timeout=2.0):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status == 200
    except Exception:  # refused, reset, timed out, 5xx: not serving
        return False


@dataclass
class Replica:
    service: str
    instance: str
    pid: int  # the process that serves
    port: int
    wrappers: list = field(default_factory=list)  # launchers with the same environment (`dotnet run`), if any

    def healthy(self):
        return http_ok(f"http://localhost:{self.port}/health")


class Database:
    """Read-only SQL with the credentials a service connects with, through one psql session held for the whole run:
    after a Postgres restart under load the services' pools can take every connection the server allows, and the
    soak's checks must still get in. A lost session (Postgres killed) is opened again by the next query."""

    END = "\x1e"  # a line psql echoes after each result: the result is complete

    def __init__(self, connection_string):
        settings = connection_settings(connection_string)
        self.name = settings["database"]
        self.env = dict(os.environ, PGHOST=settings["host"], PGPORT=settings.get("port", "5432"),
                        PGUSER=settings["username"], PGPASSWORD=settings.get("password", ""), PGDATABASE=self.name,
                        PGCONNECT_TIMEOUT="3", PGOPTIONS="-c default_transaction_read_only=on")
        self.session = None
        self.lock = threading.Lock()

    def rows(self, query, timeout=60):
        with self.lock:
            while True:
                fresh = self.session is None
                if fresh:
                    self.session = subprocess.Popen(["psql", "-X", "-q", "-A", "-t", "-F", "\x1f", "-v", "ON_ERROR_STOP=0"], env=self.env,
                                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                try:
                    self.session.stdin.write(f"{query};\n\\echo {self.END}\n".encode())
                    self.session.stdin.flush()
                    lines = self._result(time.time() + timeout)
                    break
                except (OSError, RuntimeError) as failure:
                    self.session.kill()
                    self.session.wait()
                    self.session = None
                    # A session held across a Postgres restart fails once: try again on a new one.
                    if fresh:
                        raise RuntimeError(f"{self.name}: {failure}") from None
        if any(line.startswith(("ERROR:", "FATAL:", "psql:")) for line in lines):
            raise RuntimeError(f"{self.name}: {' '.join(lines)}")
        return [line.split("\x1f") for line in lines]

    def _result(self, deadline):
        output, end = b"", f"{self.END}\n".encode()
        while not output.endswith(end):
            ready, _, _ = select.select([self.session.stdout], [], [], max(0.0, deadline - time.time()))
            chunk = os.read(self.session.stdout.fileno(), 65536) if ready else None
            if chunk is None:
                raise RuntimeError("no answer in time")
            if not chunk:  # psql exited: it could not connect, or the server went away
                raise RuntimeError(output.decode(errors="replace").strip() or "psql exited")
            output += chunk
        return output[:-len(end)].decode().splitlines()

    def answers(self):
        try:
            return self.rows("SELECT 1", timeout=5) == [["1"]]
        except RuntimeError:
            return False


def find_run_folder(marker=None, apphost_pid=None):
    """The data folder of the AppHost whose environment holds MARKER (started by soak.sh), or of APPHOST_PID, or of the
    only AppHost alive; None if there is no such single one."""
    root = os.path.join(os.environ.get("TMPDIR") or "/tmp", "store-infrastructure")
    live = []
    for name in os.listdir(root) if os.path.isdir(root) else []:
        pid = name.split("-", 1)[0]
        if pid.isdigit() and alive(int(pid)):
            live.append((int(pid), os.path.join(root, name)))
    if marker:
        key, value = marker.split("=", 1)
        live = [(pid, folder) for pid, folder in live if environ(pid).get(key) == value]
    elif apphost_pid:
        live = [(pid, folder) for pid, folder in live if pid == apphost_pid]
    return live[0][1] if len(live) == 1 else None


class Run:
    """The processes and databases of one AppHost run, found from its data folder."""

    def __init__(self, folder):
        self.folder = folder
        listeners = listening_ports()
        self.redis_port = {}
        for name in ("bus", "cache"):
            pid = self.redis_pid(name)
            if pid is None or not listeners.get(pid):
                raise RuntimeError(f"no redis-server serving from {folder}/{name}")
            self.redis_port[name] = min(listeners[pid])
        sample = {}
        for pid, service, env in self._service_processes():
            sample.setdefault(service, env)
        missing = [service for service in SERVICES if service not in sample]
        if missing:
            raise RuntimeError(f"no process of {', '.join(missing)} in this run")
        # StackExchange.Redis form: "host:port,password=...,option=..."
        self.redis_password = next((option.split("=", 1)[1] for option in sample["ordering"]["ConnectionStrings__bus"].split(",")
                                    if option.startswith("password=")), "")
        self.databases = {db: Database(env[f"ConnectionStrings__{db}"])
                          for env in sample.values() for db in ("catalogdb", "orderingdb", "paymentsdb", "analyticsdb")
                          if f"ConnectionStrings__{db}" in env}
        # Each database's session is opened now and held (see Database).
        silent = [name for name, database in self.databases.items() if not database.answers()]
        if silent:
            raise RuntimeError(f"no answer from {', '.join(silent)}")
        # The soak signs its callers' tokens with the key the AppHost gave the gateway's development identity, for the
        # authority and audience the services validate against.
        jwt = sample["ordering"]
        key_file = os.path.join(tempfile.mkdtemp(prefix="soak-identity-"), "identity.pem")
        with os.fdopen(os.open(key_file, os.O_WRONLY | os.O_CREAT, 0o600), "w") as key:
            key.write(sample["gateway"]["Identity__SigningKey"])
        self.jwt = (jwt["Authentication__Jwt__Authority"], jwt["Authentication__Jwt__Audience"], key_file)

    def redis_pid(self, name):
        """The live redis-server working in this run's folder for resource NAME."""
        home = os.path.join(self.folder, name)
        for pid in pids():
            if (_read(f"/proc/{pid}/comm") or b"").strip() == b"redis-server" and cwd(pid) == home and alive(pid):
                return pid
        return None

    def redis_answers(self, name):
        """PING answered PONG (not LOADING while the append-only file is replayed)."""
        try:
            with socket.create_connection(("127.0.0.1", self.redis_port[name]), timeout=1) as s:
                password = self.redis_password.encode()
                s.sendall(b"*2\r\n$4\r\nAUTH\r\n$%d\r\n%s\r\n*1\r\n$4\r\nPING\r\n" % (len(password), password))
                answer = b""
                while answer.count(b"\r\n") < 2:
                    chunk = s.recv(256)
                    if not chunk:
                        break
                    answer += chunk
                return answer.endswith(b"+PONG\r\n")
        except OSError:
            return False

    def postmaster(self):
        """The live postmaster of this run's Postgres, from its postmaster.pid."""
        data = os.path.join(self.folder, "postgres")
        lines = (_read(os.path.join(data, "postmaster.pid")) or b"").decode().splitlines()
        if lines and lines[0].isdigit() and alive(int(lines[0])) and data in cmdline(int(lines[0])):
            return int(lines[0])
        return None

    def _service_processes(self):
        ours = [re.compile(rf":{port}\b") for port in self.redis_port.values()]
        for pid in pids():
            env = environ(pid)
            service = env.get("OTEL_SERVICE_NAME")
            if service in SERVICES and alive(pid) and any(
                    pattern.search(env.get(key, "")) for key in ("ConnectionStrings__bus", "ConnectionStrings__cache") for pattern in ours):
                yield pid, service, env

    def replicas(self, service):
        """The service's replicas that listen now, each with the wrappers that share its instance id."""
        listeners = listening_ports()
        groups = {}
        for pid, name, env in self._service_processes():
            if name == service:
                instance = re.search(r"service\.instance\.id=([^,]+)", env.get("OTEL_RESOURCE_ATTRIBUTES", ""))
                groups.setdefault(instance.group(1) if instance else str(pid), []).append((pid, env))
        replicas = []
        for instance, members in groups.items():
            for pid, env in members:
                declared = {int(port) for port in re.findall(r":(\d+)", env.get("ASPNETCORE_URLS", "") + " :" + env.get("HTTP_PORTS", ""))}
                serving = listeners.get(pid, set())
                if serving:
                    port = min(serving & declared or serving)
                    replicas.append(Replica(service, instance, pid, port, [other for other, _ in members if other != pid]))
        return sorted(replicas, key=lambda replica: replica.pid)

    def wait_healthy(self, seconds):
        """Until every service has a replica and every replica answers /health itself; the replica counts."""
        deadline = time.time() + seconds
        while True:
            counts = {}
            for service in SERVICES:
                replicas = self.replicas(service)
                counts[service] = len(replicas) if replicas and all(replica.healthy() for replica in replicas) else 0
            if all(counts.values()):
                return counts
            if time.time() > deadline:
                raise RuntimeError(f"replicas not all healthy after {seconds} s: {counts}")
            time.sleep(0.5)
