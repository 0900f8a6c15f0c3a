"""`hipdip serve | demo | worker | manage`: the commands the README's first command uses."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from hipdip.cli import build_parser
from hipdip.web.accounts.models import Role, User
from hipdip.web.assessments.models import Photo, PhotoSession, Status
from hipdip.web.demo import DEMO_EMAILS, demo_seed
from hipdip.web.messaging.models import Message, Thread
from hipdip.web.patients.models import Patient

HIPDIP = str(Path(sys.executable).with_name("hipdip"))


# The server below runs on its own fresh SQLite home whatever DATABASE_URL says, so the
# PostgreSQL pass of scripts/test would only repeat it (and its minute of migrations).
own_home_once = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="starts hipdip on its own SQLite home: run once, in the SQLite pass",
)


def test_the_web_commands_are_registered() -> None:
    parser = build_parser()
    for argv in (
        ["serve", "--host", "0.0.0.0", "--port", "9000"],
        ["demo"],
        ["worker"],
        ["manage", "check", "--deploy"],
        ["backup", "out.tar"],
        ["restore", "out.tar"],
    ):
        args = parser.parse_args(argv)
        assert callable(args.handler)
    assert parser.parse_args(["manage", "check", "--deploy"]).args == ["check", "--deploy"]
    assert parser.parse_args(["serve"]).port == 8000


def test_the_worker_needs_a_broker() -> None:
    env = {k: v for k, v in os.environ.items() if k != "CELERY_BROKER_URL"}
    env["HIPDIP_ENV_FILE"] = "/nonexistent/.env"
    result = subprocess.run([HIPDIP, "worker"], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "CELERY_BROKER_URL" in result.stderr


@pytest.mark.django_db
def test_demo_data_is_complete_and_idempotent(fake_analysis: list[str]) -> None:
    first = demo_seed(password="first-password-1")
    second = demo_seed(password="second-password-2")
    assert first.created_sessions == 5 and second.created_sessions == 0
    assert first.measured == second.measured == 10
    assert PhotoSession.objects.count() == 5
    roles = dict(User.objects.filter(email__in=DEMO_EMAILS).values_list("email", "role"))
    assert roles == {
        "coordinator@example.com": Role.COORDINATOR,
        "surgeon@example.com": Role.SURGEON,
        "admin@example.com": Role.CLINIC_ADMIN,
        "patient1@example.com": Role.PATIENT,
        "patient2@example.com": Role.PATIENT,
        "patient3@example.com": Role.PATIENT,
    }
    for email in DEMO_EMAILS:
        user = User.objects.get(email=email)
        assert user.check_password("second-password-2")  # the latest run's password
    for n in (1, 2, 3):
        photos = Photo.objects.filter(session__patient__user__email=f"patient{n}@example.com")
        assert photos.exists() and all(p.status == Status.DONE for p in photos)
    # Contact details and messages (issue 12), added once.
    assert Message.objects.count() == 5 and Thread.objects.count() == 2
    assert Patient.objects.get(user__email="patient3@example.com").phone == "+442079460003"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _clean_env(home: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "HIPDIP_", "DATABASE_URL", "CELERY_"))
    }
    env.update({"HIPDIP_HOME": str(home), "HIPDIP_ENV_FILE": str(home / "no.env"), **extra})
    return env


@own_home_once
def test_demo_then_serve_lets_a_coordinator_sign_in(tmp_path: Path) -> None:
    """The README's first command, end to end: demo data, the production server, sign-in."""
    env = _clean_env(tmp_path, HIPDIP_DEMO_PASSWORD="readme-demo-pass-1")
    demo = subprocess.run([HIPDIP, "demo"], env=env, capture_output=True, text=True, timeout=300)
    assert demo.returncode == 0, demo.stderr
    assert "coordinator@example.com" in demo.stdout and "readme-demo-pass-1" in demo.stdout
    assert "10 photos measured" in demo.stdout

    generated = subprocess.run(
        [HIPDIP, "demo"], env=_clean_env(tmp_path), capture_output=True, text=True, timeout=300
    )
    assert "0 new photo sessions" in generated.stdout
    password = re.search(r"Password \(generated\): (\S+)", generated.stdout)
    assert password is not None

    port = _free_port()
    server = subprocess.Popen(
        [HIPDIP, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    loops: list[int] = []
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(base + "/", server)
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        login = opener.open(base + "/accounts/login/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login)
        assert token is not None
        form = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token.group(1),
                "username": "coordinator@example.com",
                "password": password.group(1),
            }
        ).encode()
        request = urllib.request.Request(
            base + "/accounts/login/", data=form, headers={"Referer": base + "/accounts/login/"}
        )
        page = opener.open(request)
        assert page.geturl() == base + "/staff/"
        html = opener.open(base + "/patients/").read().decode()
        assert "patient1@example.com" in html and "patient3@example.com" in html
        css = opener.open(base + "/static/hipdip/app.css")
        assert css.status == 200
        # Without a broker the reminder jobs run beside the server, and stop with it.
        loops = _children_running(server.pid, "reminders")
        assert len(loops) == 1
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stdout:
            server.stdout.close()
    deadline = time.monotonic() + 30
    while any(Path(f"/proc/{pid}").exists() for pid in loops) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(Path(f"/proc/{pid}/cmdline").exists() for pid in loops)


def _children_running(parent: int, word: str) -> list[int]:
    """Process ids of `parent`'s children whose command line contains `word`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        ppid = int(stat.rpartition(")")[2].split()[1])
        if ppid == parent and word in cmdline:
            found.append(int(entry.name))
    return found


def _wait_for(url: str, server: subprocess.Popen[Any]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            out = server.stdout.read().decode() if server.stdout else ""
            pytest.fail(f"hipdip serve exited: {out[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail("hipdip serve did not answer in time")
