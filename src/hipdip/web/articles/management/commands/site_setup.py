"""``manage site_setup --clinic SLUG``: make the public site ready once (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hipdip.web.accounts.models import Clinic, Role, User
from hipdip.web.articles.services import starter_content_install


class Command(BaseCommand):
    help = (
        "Create the site's page tree, the 'Site editors' group and the starter categories "
        "and articles that are missing. Safe to run again: edited articles are kept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--clinic", required=True, help="slug of the clinic")
        parser.add_argument(
            "--author", help="email of the staff member named as author (default: a surgeon)"
        )
        parser.add_argument(
            "--reviewed-by",
            help="email of the surgeon who reviewed the starter articles (default: nobody "
            "yet; set it once a surgeon has read them)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        clinic = Clinic.objects.filter(slug=options["clinic"]).first()
        if clinic is None:
            raise CommandError(f"No clinic with slug {options['clinic']!r}.")
        staff = User.objects.filter(clinic=clinic, is_active=True).exclude(role=Role.PATIENT)
        if options["author"]:
            author = staff.filter(email__iexact=options["author"]).first()
        else:
            author = staff.filter(role=Role.SURGEON).first() or staff.first()
        if author is None:
            raise CommandError("The clinic has no active staff member to name as author.")
        reviewer = None
        if options["reviewed_by"]:
            reviewer = staff.filter(email__iexact=options["reviewed_by"], role=Role.SURGEON).first()
            if reviewer is None:
                raise CommandError(
                    "--reviewed-by must be the email of one of the clinic's surgeons."
                )
        try:
            result = starter_content_install(author=author, reviewer=reviewer)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Site ready at {result.index.url}: {result.created_categories} new categories, "
            f"{result.created_articles} new articles."
        )
