"""``hipdip manage mfa_reset EMAIL``: reset a staff member's two-step sign-in when they
have lost their phone, passkeys and recovery codes (what a clinic admin does from the
team page, for an operator at the terminal, e.g. when the clinic's only admin is locked
out). Prints what it did; an unknown email changes nothing and exits with status 1."""

from __future__ import annotations

import getpass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import User, normalize_email
from hipdip.web.mfa.services import mfa_reset


class Command(BaseCommand):
    help = (
        "Reset a staff member's two-step sign-in: remove their authenticator apps, passkeys "
        "and recovery codes, sign them out everywhere and end their API tokens (audited)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="the person's sign-in email")

    def handle(self, *args: Any, **options: Any) -> None:
        email = normalize_email(options["email"])
        user = User.objects.filter(email__iexact=email).select_related("clinic").first()
        if user is None:
            raise CommandError(f"No account has the email {email}. Nothing was changed.")
        if not (user.is_clinic_staff or user.is_staff or user.is_superuser):
            raise CommandError(
                f"{email} is a patient's account; patients do not use two-step sign-in. "
                "Nothing was changed."
            )
        result = mfa_reset(actor=Actor.system("cli"), user=user, operator=_operator())
        where = f" ({user.clinic.name})" if user.clinic else ""
        self.stdout.write(f"Two-step sign-in of {email}{where} is reset:")
        self.stdout.write(f"  authenticator apps removed: {result.authenticator_apps}")
        self.stdout.write(f"  passkeys removed: {result.passkeys}")
        self.stdout.write(f"  unused recovery codes removed: {result.recovery_codes}")
        self.stdout.write(f"  sessions ended: {result.sessions_ended}")
        self.stdout.write(f"  API tokens revoked: {result.tokens_revoked}")
        self.stdout.write(
            "Their clinic requires two-step sign-in for them: they set it up again at their "
            "next sign-in."
            if result.required
            else "Their clinic does not require two-step sign-in for them: they can sign in "
            "with their password and set it up again on their account page."
        )
        self.stdout.write(
            "They were emailed that this happened; the audit trail has it as mfa.reset."
        )


def _operator() -> str:
    """The account on this machine that ran the command, for the audit trail."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (e.g. in a container)
        return ""
