"""Send check-in alerts that are still waiting (a broker was down, or email failed).

Safe to run from cron every few minutes: an alert already sent is never sent again.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from hipdip.web.recovery import services


class Command(BaseCommand):
    help = "Send check-in alerts that have not been delivered yet."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = failed = 0
        for checkin_id in services.alerts_pending():
            try:
                services.checkin_alert_send(checkin_id=checkin_id)
            except services.AlertNotDelivered:
                failed += 1
            else:
                sent += 1
        self.stdout.write(f"alerts sent: {sent}, still failing: {failed}")
