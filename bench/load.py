"""Load and fault bench: two web processes and two Celery workers on PostgreSQL + Redis,
a bounded mixed load from simulated clinic users, one web process and one worker killed
midway, and a count of what was lost.

    .venv/bin/python bench/load.py [--users 20] [--duration 90] [--write-docs]

What runs (all on 127.0.0.1, all started and stopped by this script):
- a fresh PostgreSQL database `hipdip_load` with the demo clinic (`hipdip demo`);
- two `hipdip serve` processes (one gunicorn worker with four threads each) sharing the
  database, the Redis cache (sessions and sign-in limits) and the media folder;
- two `hipdip worker` processes (concurrency 1 each) on a Redis broker; the first also
  runs the periodic sweeper that re-queues stuck analyses;
- N simulated users (threads), half staff and half patients, each looping over a weighted
  mix: page views, API reads, photo uploads (bounded in number) and recovery check-ins.
  The client spreads requests over the live web processes like a load balancer with
  passive health checks: a refused connection marks a process down and the request goes to
  the other one (counted as `rerouted`, not as an error).

Midway the script SIGKILLs the second web process and the second worker's whole process
group (an analysis in flight dies with it), then restarts both ten seconds later as a
process supervisor would. When the load ends it waits for every accepted upload to reach
`done` or `failed`; an upload still pending at the deadline is **lost**. A last phase
uploads a batch with no other load to measure analysis throughput per worker core.

Requests are bounded in count and time; the script stops by itself and cleans up.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
HIPDIP = str(ROOT / ".venv" / "bin" / "hipdip")
SAMPLES = ROOT / "samples"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
DB_NAME = "hipdip_load"
REDIS_URL = "redis://127.0.0.1:6379"
BROKER_DB, CACHE_DB = 10, 11  # Redis databases no test uses
PASSWORD = "load-bench-" + "x" * 8
PORTS = (8181, 8182)
SAMPLE_PHOTOS = (
    ("b0002_front.jpg", 148.86, "front"),
    ("b0002_back.jpg", 148.86, "back"),
    ("b0015_front.jpg", 196.1, "front"),
    ("b0015_back.jpg", 196.1, "back"),
)


@dataclass
class Stats:
    """What every simulated request did, by kind."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, dict[int, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    rerouted: int = 0
    reroute_times: list[float] = field(default_factory=list)
    dropped_in_flight: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    uploads: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, status: int, seconds: float) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            self.statuses[kind][status] += 1


class Balancer:
    """Round-robin over the live web processes; a refused connection marks one down until
    the supervisor's restart is seen by a health probe."""

    def __init__(self, ports: tuple[int, ...]) -> None:
        self.ports = list(ports)
        self.down: set[int] = set()
        self.lock = threading.Lock()
        self.turn = 0

    def pick(self) -> int:
        with self.lock:
            live = [p for p in self.ports if p not in self.down] or self.ports
            self.turn += 1
            return live[self.turn % len(live)]

    def mark_down(self, port: int) -> None:
        with self.lock:
            self.down.add(port)

    def probe(self) -> None:
        for port in list(self.down):
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/accounts/login/", timeout=2)
                if answer.status_code == 200:
                    with self.lock:
                        self.down.discard(port)
            except httpx.HTTPError:
                pass


class User:
    """One simulated person with a session cookie (pages) and a bearer token (API)."""

    def __init__(self, email: str, balancer: Balancer, stats: Stats) -> None:
        self.email = email
        self.balancer = balancer
        self.stats = stats
        self.client = httpx.Client(timeout=60, follow_redirects=False)
        self.token = ""

    def request(self, kind: str, method: str, path: str, **kw: Any) -> httpx.Response | None:
        """Send to a live web process; reroute once when a process refuses or drops it."""
        for attempt in range(2):
            port = self.balancer.pick()
            url = f"http://127.0.0.1:{port}{path}"
            start = time.perf_counter()
            try:
                response = self.client.request(method, url, **kw)
            except httpx.TransportError as exc:
                if isinstance(exc, httpx.ConnectError):
                    # Refused: the process is gone. A dropped keep-alive connection (the
                    # server closes idle ones) only needs a new connection.
                    self.balancer.mark_down(port)
                if method != "GET" and attempt == 0 and not isinstance(exc, httpx.ConnectError):
                    # A write may have reached the dead process: not replayed blindly.
                    with self.stats.lock:
                        self.stats.dropped_in_flight[kind] += 1
                    return None
                with self.stats.lock:
                    self.stats.rerouted += 1
                    self.stats.reroute_times.append(time.monotonic())
                continue
            self.stats.record(kind, response.status_code, time.perf_counter() - start)
            return response
        return None

    def sign_in(self) -> None:
        page = self.request("sign-in", "GET", "/accounts/login/")
        assert page is not None and page.status_code == 200, page
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert match, "no CSRF token on the sign-in page"
        form = {"csrfmiddlewaretoken": match.group(1), "username": self.email}
        form["password"] = PASSWORD
        done = self.request(
            "sign-in",
            "POST",
            "/accounts/login/",
            data=form,
            headers={"Referer": f"http://127.0.0.1:{PORTS[0]}/accounts/login/"},
        )
        assert done is not None and done.status_code == 302, (done, done and done.text[:300])
        answer = self.request(
            "sign-in",
            "POST",
            "/api/auth/token",
            json={"email": self.email, "password": PASSWORD},
        )
        assert answer is not None and answer.status_code in (200, 201), answer
        self.token = answer.json()["token"]

    def api(self, kind: str, method: str, path: str, **kw: Any) -> httpx.Response | None:
        headers = {"Authorization": f"Bearer {self.token}"}
        return self.request(kind, method, path, headers=headers, **kw)


def _env(home: Path, *, broker: bool = True) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        HIPDIP_HOME=str(home),
        DJANGO_SETTINGS_MODULE="hipdip.web.settings.local",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
        CACHE_URL=f"{REDIS_URL}/{CACHE_DB}",
        CELERY_BROKER_URL=f"{REDIS_URL}/{BROKER_DB}" if broker else "",
        CELERY_QUEUE="hipdip-load",
        HIPDIP_DEMO_PASSWORD=PASSWORD,
        # The fault phase must finish in minutes: a stuck analysis is re-queued after 30 s.
        HIPDIP_STALE_PENDING_SECONDS="30",
        HIPDIP_SWEEP_SECONDS="10",
        HIPDIP_LOGIN_MAX_FAILURES_PER_IP="1000",
        EMAIL_URL="consolemail://",
    )
    return env


def _fresh_state(home: Path) -> None:
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")
    for db in (BROKER_DB, CACHE_DB):
        redis.Redis.from_url(f"{REDIS_URL}/{db}").flushdb()
    home.mkdir(parents=True, exist_ok=True)


class Processes:
    """The web processes and workers, each in its own process group so a kill takes the
    children (gunicorn workers, the Celery pool) with it, as a crash of the machine would."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.procs: dict[str, subprocess.Popen[bytes]] = {}
        self.logs = home / "logs"
        self.logs.mkdir(exist_ok=True)

    def start(self, name: str) -> None:
        if name.startswith("web"):
            port = PORTS[int(name[-1]) - 1]
            argv = [HIPDIP, "serve", "--port", str(port), "--workers", "1"]
        else:
            argv = [HIPDIP, "worker", "--concurrency", "1", "--loglevel", "WARNING"]
            if name != "worker1":
                argv.append("--no-beat")
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        self.procs[name] = subprocess.Popen(
            argv, env=_env(self.home), stdout=log, stderr=log, start_new_session=True
        )

    def kill(self, name: str) -> None:
        proc = self.procs[name]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()

    def rss_mb(self) -> dict[str, float]:
        """Resident memory of each process group (the process and its children), MB."""
        sizes: dict[str, float] = {}
        for name, proc in self.procs.items():
            total = 0
            for entry in Path("/proc").iterdir():
                if not entry.name.isdigit():
                    continue
                try:
                    if os.getpgid(int(entry.name)) != proc.pid:
                        continue
                    status = (entry / "status").read_text()
                except (OSError, ProcessLookupError):
                    continue
                match = re.search(r"VmRSS:\s+(\d+) kB", status)
                total += int(match.group(1)) if match else 0
            sizes[name] = total / 1024
        return sizes

    def stop_all(self) -> None:
        for name in list(self.procs):
            proc = self.procs[name]
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


def _wait_healthy(port: int, deadline_s: float = 120) -> None:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/accounts/login/", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"web process on port {port} did not become healthy")


def _patient_ids(staff: User) -> dict[str, str]:
    answer = staff.api("api-read", "GET", "/api/patients?limit=200")
    assert answer is not None and answer.status_code == 200, answer
    return {row["email"]: row["id"] for row in answer.json()["items"]}


def _upload(user: User, patient_id: str, stats: Stats, kind: str = "upload") -> str | None:
    name, height, view = random.choice(SAMPLE_PHOTOS)
    with open(SAMPLES / name, "rb") as fh:
        answer = user.api(
            kind,
            "POST",
            f"/api/patients/{patient_id}/photos",
            files={"file": (name, fh, "image/jpeg")},
            data={"view": view, "height_cm": str(height), "purpose": "progress"},
        )
    if answer is not None and answer.status_code in (200, 201, 202):
        photo_id = str(answer.json()["id"])
        with stats.lock:
            stats.uploads.append(photo_id)
        return photo_id
    return None


def _user_loop(
    user: User,
    *,
    staff: bool,
    ids: dict[str, str],
    stop_at: float,
    upload_budget: list[int],
    stats: Stats,
    seed: int,
    think: tuple[float, float] = (0.05, 0.3),
) -> None:
    rng = random.Random(seed)
    own = ids.get(user.email, "")
    recovering = ids["patient3@example.com"]
    staff_pages = ["/dashboard/", "/patients/", f"/patients/{recovering}/", "/clinic/checkins/"]
    patient_pages = ["/dashboard/", f"/patients/{own}/", f"/patients/{own}/recovery/"]
    while time.monotonic() < stop_at:
        roll = rng.random()
        if roll < 0.5:
            pages = staff_pages if staff else patient_pages
            user.request("page", "GET", rng.choice(pages))
        elif roll < 0.8:
            path = "/api/patients?limit=20" if staff else f"/api/patients/{own}/photos"
            user.api("api-read", "GET", path)
        elif roll < 0.88:
            with stats.lock:
                allowed = upload_budget[0] > 0
                upload_budget[0] -= 1 if allowed else 0
            if allowed:
                _upload(user, own or recovering, stats)
        elif not staff and own == recovering:
            body = {"pain": rng.randint(0, 4), "swelling": rng.randint(0, 2), "symptoms": []}
            user.api("check-in", "POST", f"/api/patients/{own}/checkins", json=body)
        else:
            user.api("api-read", "GET", "/api/me")
        time.sleep(rng.uniform(*think))  # think time


def _wait_analysed(staff: User, photo_ids: list[str], deadline_s: float) -> dict[str, str]:
    end = time.monotonic() + deadline_s
    status: dict[str, str] = {}
    while time.monotonic() < end:
        for photo_id in photo_ids:
            if status.get(photo_id) in ("done", "failed"):
                continue
            answer = staff.api("poll", "GET", f"/api/photos/{photo_id}")
            if answer is not None and answer.status_code == 200:
                status[photo_id] = answer.json()["status"]
        if all(status.get(p) in ("done", "failed") for p in photo_ids):
            break
        time.sleep(2)
    return status


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _table(stats: Stats, elapsed: float) -> str:
    lines = [
        "| kind | requests | per second | p50 ms | p95 ms | p99 ms | 5xx | other errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind in ("page", "api-read", "upload", "check-in"):
        lat = stats.latencies.get(kind, [])
        codes = stats.statuses.get(kind, {})
        five = sum(n for c, n in codes.items() if c >= 500)
        other = sum(n for c, n in codes.items() if 400 <= c < 500)
        lines.append(
            f"| {kind} | {len(lat)} | {len(lat) / elapsed:.1f} | {_pct(lat, 0.5) * 1000:.0f} "
            f"| {_pct(lat, 0.95) * 1000:.0f} | {_pct(lat, 0.99) * 1000:.0f} | {five} | {other} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--duration", type=float, default=90.0, help="seconds of mixed load")
    parser.add_argument("--uploads", type=int, default=24, help="uploads during the load")
    parser.add_argument("--batch", type=int, default=16, help="uploads in the throughput phase")
    parser.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=(0.05, 0.3),
        metavar=("MIN", "MAX"),
        help="seconds a user waits between requests (default 0.05 0.3: a stress load; "
        "people reading a page wait seconds)",
    )
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the state folder and logs")
    args = parser.parse_args(argv)

    home = Path(tempfile.mkdtemp(prefix="hipdip-load-"))
    _fresh_state(home)
    print(f"load: state in {home}; building the demo clinic on PostgreSQL...", flush=True)
    subprocess.run(
        [HIPDIP, "demo"], env=_env(home, broker=False), check=True, stdout=subprocess.DEVNULL
    )
    procs = Processes(home)
    stats = Stats()
    try:
        procs.start("web1")
        _wait_healthy(PORTS[0])  # the first one migrates and collects static files
        for name in ("web2", "worker1", "worker2"):
            procs.start(name)
        _wait_healthy(PORTS[1])
        balancer = Balancer(PORTS)
        emails_staff = ["coordinator@example.com", "surgeon@example.com", "admin@example.com"]
        emails_patients = ["patient1@example.com", "patient2@example.com", "patient3@example.com"]
        users: list[tuple[User, bool]] = []
        for i in range(args.users):
            is_staff = i % 2 == 0
            pool = emails_staff if is_staff else emails_patients
            user = User(pool[(i // 2) % len(pool)], balancer, stats)
            user.sign_in()
            users.append((user, is_staff))
        ids = _patient_ids(next(u for u, s in users if s))
        print(f"load: {args.users} users signed in; {args.duration:.0f} s of load", flush=True)

        stop_at = time.monotonic() + args.duration
        budget = [args.uploads]
        threads = [
            threading.Thread(
                target=_user_loop,
                kwargs=dict(
                    user=u,
                    staff=s,
                    ids=ids,
                    stop_at=stop_at,
                    upload_budget=budget,
                    stats=stats,
                    seed=i,
                    think=tuple(args.think),
                ),
                daemon=True,
            )
            for i, (u, s) in enumerate(users)
        ]
        started = time.monotonic()
        for t in threads:
            t.start()
        time.sleep(args.duration / 2)
        print("load: killing web2 and worker2 (SIGKILL, whole process groups)", flush=True)
        procs.kill("web2")
        procs.kill("worker2")
        time.sleep(10)
        print("load: supervisor restarts web2 and worker2", flush=True)
        procs.start("web2")
        procs.start("worker2")
        while any(t.is_alive() for t in threads):
            balancer.probe()
            time.sleep(1)
        elapsed = time.monotonic() - started

        staff = next(u for u, s in users if s)
        accepted = list(stats.uploads)
        print(f"load: waiting for {len(accepted)} accepted uploads to be analysed", flush=True)
        wait_start = time.monotonic()
        final = _wait_analysed(staff, accepted, deadline_s=300)
        drained = time.monotonic() - wait_start
        lost = [p for p in accepted if final.get(p) not in ("done", "failed")]
        failed = [p for p in accepted if final.get(p) == "failed"]

        # Throughput: a batch with no other load, both workers up.
        balancer.probe()
        batch: list[str] = []
        batch_stats = Stats()
        t0 = time.monotonic()
        for _ in range(args.batch):
            photo = _upload(staff, ids["patient1@example.com"], batch_stats, kind="batch")
            if photo:
                batch.append(photo)
        batch_final = _wait_analysed(staff, batch, deadline_s=600)
        batch_s = time.monotonic() - t0
        batch_done = sum(1 for p in batch if batch_final.get(p) == "done")
        per_core_hour = batch_done / batch_s * 3600 / 2
        memory = procs.rss_mb()
    finally:
        procs.stop_all()

    five_xx = sum(n for codes in stats.statuses.values() for c, n in codes.items() if c >= 500)
    pages = stats.latencies.get("page", [])
    times = stats.reroute_times
    window = f" (at {min(times) - started:.0f}-{max(times) - started:.0f} s)" if times else ""
    total = sum(len(stats.latencies.get(k, [])) for k in ("page", "api-read", "upload", "check-in"))
    report = [
        f"Mixed load: {args.users} users (waiting {args.think[0]:g}-{args.think[1]:g} s between "
        f"requests) for {args.duration:.0f} s "
        f"({elapsed:.0f} s with the last requests), web2 and worker2 SIGKILLed at "
        f"{args.duration / 2:.0f} s and restarted 10 s later.",
        "",
        _table(stats, elapsed),
        "",
        f"- total requests: {total} ({total / elapsed:.1f}/s); "
        f"5xx: {five_xx}; requests sent again after a refused or dropped connection: "
        f"{stats.rerouted}{window}; "
        f"writes cut off in flight by the kill (not replayed): "
        f"{dict(stats.dropped_in_flight) or 0}",
        f"- page views p95: {_pct(pages, 0.95) * 1000:.0f} ms (target < 500 ms)",
        f"- uploads accepted: {len(accepted)}; analysed: "
        f"{sum(1 for p in accepted if final.get(p) == 'done')}; failed analysis: {len(failed)}; "
        f"**lost: {len(lost)}** (drained {drained:.0f} s after the load)",
        f"- analysis throughput, {batch_done}/{len(batch)} photos with no other load: "
        f"{batch_s:.0f} s on 2 workers = **{per_core_hour:.0f} photos/hour per worker core**",
    ]
    report.append(
        "- resident memory at the end (process + children): "
        + ", ".join(f"{name} {mb:.0f} MB" for name, mb in sorted(memory.items()))
    )
    text = "\n".join(report)
    print(text)
    if args.write_docs:
        sys.path.insert(0, str(ROOT / "bench"))
        from docsection import write_section

        low, high = args.think
        stress = (low, high) == (0.05, 0.3)
        title = "stress: users wait 0.05-0.3 s" if stress else f"users wait {low:g}-{high:g} s"
        head = (
            f"## Load and faults (`bench/load.py`, {title})\n\n"
            "Two `hipdip serve` processes and two `hipdip worker` processes on PostgreSQL + "
            "Redis, all on this 2-core machine together with the load generator itself.\n\n"
            f"Command: `.venv/bin/python bench/load.py --users {args.users} "
            f"--duration {args.duration:.0f}"
            + ("" if stress else f" --think {low:g} {high:g}")
            + " --write-docs`\n\n"
        )
        write_section("load" if stress else "load-think", head + text)
    if args.keep:
        print(f"load: logs kept in {home / 'logs'}")
    else:
        shutil.rmtree(home, ignore_errors=True)
    return 1 if (lost or five_xx) else 0


if __name__ == "__main__":
    raise SystemExit(main())
