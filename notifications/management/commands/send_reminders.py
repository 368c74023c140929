"""`manage.py send_reminders [--date YYYY-MM-DD] [--dry-run]`: the daily sweep by hand."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notifications.services import reminders_sweep


def parse_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from exc


class Command(BaseCommand):
    help = "Run the reminder sweep (the one Celery beat runs daily); --dry-run only prints."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=parse_date, help="Sweep as if today were this day.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would be sent; change nothing."
        )

    def handle(self, *args, date=None, dry_run=False, **options):
        today = date or timezone.localdate()
        result = reminders_sweep(today=today, dry_run=dry_run)
        verb = "Would queue" if dry_run else "Queued"
        for items in result.by_kind.values():
            for item in items:
                target = f"{item.target_type}:{item.target_id}" if item.target_type else "-"
                self.stdout.write(f"{item.kind}\t{item.address}\t{target}\t{item.full_key}")
        for year, names in result.orphan_units.items():
            self.stdout.write(
                f"Cycle {year}: {len(set(names))} unit(s) without any active user to remind."
            )
        self.stdout.write(
            self.style.SUCCESS(f"{verb} {result.total} notification(s) for {today.isoformat()}.")
        )
