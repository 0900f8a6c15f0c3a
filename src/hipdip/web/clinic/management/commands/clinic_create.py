"""``hipdip manage clinic_create``: set up a new clinic with its time zone and details,
and invite its first admin. Missing answers are asked for at the terminal; without a
terminal they must be given as options (there is no silent UTC default)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Role
from hipdip.web.accounts.services import staff_invite
from hipdip.web.clinic.care import timezone_error
from hipdip.web.clinic.setup import ClinicDetails, clinic_create
from hipdip.web.core.errors import DomainError

QUESTIONS = (
    ("name", "Clinic name", True),
    ("timezone", "Time zone (IANA name, e.g. Europe/London)", True),
    ("phone", "Phone (may be empty)", False),
    ("emergency_phone", "Emergency phone for patients out of hours (may be empty)", False),
    ("address", "Address on one line (may be empty)", False),
)


class Command(BaseCommand):
    help = "Create a clinic: its name, time zone, phones and address; invite its first admin."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", help="the clinic's name")
        parser.add_argument("--slug", default="", help="short name in links (default: from name)")
        parser.add_argument("--timezone", help="IANA time zone, e.g. Europe/London")
        parser.add_argument("--phone", help="the clinic's phone")
        parser.add_argument("--emergency-phone", dest="emergency_phone", help="out of hours")
        parser.add_argument("--address", help="the clinic's address")
        parser.add_argument("--admin-email", help="invite this person as the clinic's admin")
        parser.add_argument("--admin-name", default="", help="the admin's full name")
        parser.add_argument(
            "--no-input", action="store_true", help="never ask; fail if something is missing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ask = not options["no_input"] and sys.stdin.isatty()
        answers = {key: options.get(key) for key, _q, _r in QUESTIONS}
        for key, question, required in QUESTIONS:
            while answers[key] is None or (required and not str(answers[key]).strip()):
                if not ask:
                    if not required:
                        answers[key] = ""
                        break
                    raise CommandError(f"--{key.replace('_', '-')} is required.")
                answers[key] = input(f"{question}: ").strip()
                if key == "timezone" and timezone_error(answers[key]):
                    self.stderr.write(str(timezone_error(answers[key])))
                    answers[key] = None
        actor = Actor.system("cli")
        try:
            clinic = clinic_create(
                actor=actor,
                name=str(answers["name"]),
                slug=options["slug"],
                details=ClinicDetails(
                    timezone=str(answers["timezone"]),
                    public_name=str(answers["name"]),
                    phone=str(answers["phone"]),
                    emergency_phone=str(answers["emergency_phone"]),
                    address=str(answers["address"]),
                ),
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"Clinic “{clinic.name}” ({clinic.slug}) created, time zone {answers['timezone']}."
        )
        if options["admin_email"]:
            try:
                sent = staff_invite(
                    actor=actor,
                    clinic=clinic,
                    email=options["admin_email"],
                    full_name=options["admin_name"],
                    role=Role.CLINIC_ADMIN,
                )
            except DomainError as exc:
                raise CommandError(exc.message) from exc
            self.stdout.write(f"Invitation for the clinic's admin: {sent.accept_url}")
