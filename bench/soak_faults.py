"""The soak's four faults, on a schedule, each followed by a wait for the broken component to serve again.

Every fault is a SIGKILL: no shutdown hook runs, as when a task or an instance dies. That holds for Postgres too: a
fast shutdown (SIGINT) is the gentler case of the same event (every connection dropped), and it exits with code 0,
which the AppHost rightly does not treat as a crash to restart. A crash also makes Postgres replay its WAL at start.

The AppHost is expected to restart a process that exits with a non-zero code, with back-off, as ECS restarts a task;
the soak waits `bound` seconds for that. A replica that is not back by then is "not recovered": that is the finding.
Redis and Postgres are then restarted by the soak itself with the command they ran (so that the rest of the run
still measures something), and the fault says which of the two brought them back.
"""
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

from soak_system import alive, cmdline, parent

RESTARTED_BY_APPHOST = "restarted by the AppHost"


@dataclass
class Fault:
    name: str
    injected: float
    killed: list = field(default_factory=list)
    back: float = None  # when the component served again
    how: str = "not recovered"

    def window(self, bound, grace):
        """From the kill until the component serves again, plus a grace for clients to reconnect; a component never
        back closes its window at the bound, so that what follows still counts as outside (and is not hidden). A fault
        that could not be injected has none."""
        return (self.injected, (self.back or self.injected + bound) + grace) if self.killed else None


class Fallbacks:
    """Servers the soak restarts itself: each in a session of its own, listed in WORK/restarted.pids for soak.sh to
    stop, and carrying the run's marker in their environment like everything the AppHost started."""

    def __init__(self, work, marker):
        self.work, self.marker, self.started = work, marker, []

    def start(self, name, command):
        key, value = self.marker.split("=", 1)
        with open(os.path.join(self.work, f"restarted-{name}.log"), "ab") as log:
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                       start_new_session=True, env=dict(os.environ, **{key: value}))
        self.started.append(process)
        with open(os.path.join(self.work, "restarted.pids"), "a") as pids:
            pids.write(f"{process.pid}\n")
        return process


def kill(pids):
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def until(seconds, condition):
    """The time CONDITION first held, checked every 0.2 s for SECONDS; None if it never did."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return time.time()
        time.sleep(0.2)
    return None


def replica(run, service, bound):
    before = run.replicas(service)
    victim = before[0]
    fault = Fault(f"{service} replica", time.time(), [victim.pid] + victim.wrappers)
    # The serving process first: a wrapper killed alone would leave its child serving.
    kill(fault.killed)
    fault.back = until(bound, lambda: sum(1 for r in run.replicas(service) if r.pid != victim.pid and r.healthy()) >= len(before))
    if fault.back:
        fault.how = RESTARTED_BY_APPHOST
    return fault


def bus_redis(run, fallbacks, bound):
    pid = run.redis_pid("bus")
    # As the AppHost does: redis-server from PATH (its /proc/<pid>/exe names redis-check-rdb, the same binary under
    # another name, which behaves by the name it was started with).
    command = [shutil.which("redis-server"), os.path.join(run.folder, "bus", "redis.conf"), "--port", str(run.redis_port["bus"])]
    fault = Fault("bus Redis", time.time(), [pid])
    kill(fault.killed)
    fault.back = until(bound, lambda: run.redis_pid("bus") not in (None, pid) and run.redis_answers("bus"))
    if fault.back:
        fault.how = RESTARTED_BY_APPHOST
        return fault
    fallbacks.start("bus", command)
    fault.back = until(bound, lambda: run.redis_answers("bus"))
    fault.how = f"not restarted by the AppHost within {bound:.0f} s; " + ("restarted by the soak" if fault.back else "the soak's restart did not answer either")
    return fault


def postgres(run, fallbacks, bound):
    postmaster = run.postmaster()
    command = cmdline(postmaster)
    data = os.stat(os.path.join(run.folder, "postgres"))
    if os.getuid() == 0 and data.st_uid != 0:  # Postgres refuses root; the AppHost's launcher switches user the same way
        command = ["setpriv", f"--reuid={data.st_uid}", f"--regid={data.st_gid}", "--clear-groups", "--"] + command
    databases = run.databases.values()
    fault = Fault("Postgres", time.time(), [postmaster])
    launcher = parent(postmaster)
    kill(fault.killed)
    # Back when every service database answers: asking opens the soak's own sessions again at once, before the
    # services' pools can take every connection there is.
    fault.back = until(bound, lambda: run.postmaster() not in (None, postmaster) and all(database.answers() for database in databases))
    if fault.back:
        fault.how = RESTARTED_BY_APPHOST
        return fault

    # Backends orphaned by the kill hold the shared memory until they notice their postmaster is gone, and a new
    # postmaster refuses to start meanwhile: start again until one stays up.
    server = None

    def up():
        nonlocal server
        if server is None or server.poll() is not None:
            server = fallbacks.start("postgres", command)
        return all(database.answers() for database in databases)

    fault.back = until(bound, up)
    fault.how = (f"not restarted by the AppHost within {bound:.0f} s (its launcher, pid {launcher}, {'still runs' if alive(launcher) else 'exited'}); "
                 + ("restarted by the soak" if fault.back else "the soak's restart did not answer either"))
    return fault


def inject(run, fallbacks, start, spacing, seconds, bound, faults):
    """Injects the faults SPACING seconds apart from START while the load runs (those that would fall after it are
    skipped), each on time even while an earlier one is still waiting for its component; appends each to FAULTS once
    its component is back or the bound has passed."""
    plan = [("payments replica", lambda: replica(run, "payments", bound)), ("catalog replica", lambda: replica(run, "catalog", bound)),
            ("bus Redis", lambda: bus_redis(run, fallbacks, bound)), ("Postgres", lambda: postgres(run, fallbacks, bound))]

    def one(name, fault):
        try:
            done = fault()
        except Exception as error:  # a component not found, say: the summary must show it rather than lose the fault
            done = Fault(name, time.time(), how=f"not injected: {error!r}")
        took = f"back after {done.back - done.injected:.1f} s" if done.back else f"not back after {bound:.0f} s"
        print(f"  t+{done.injected - start:5.1f} s  {done.name}: SIGKILL {', '.join(map(str, done.killed))}; {took} ({done.how})",
              file=sys.stderr, flush=True)
        faults.append(done)

    threads = []
    for number, (name, fault) in enumerate(plan, 1):
        at = start + number * spacing
        if at >= start + seconds:
            break
        time.sleep(max(0.0, at - time.time()))
        threads.append(threading.Thread(target=one, args=(name, fault)))
        threads[-1].start()
    for thread in threads:
        thread.join()
    faults.sort(key=lambda fault: fault.injected)
