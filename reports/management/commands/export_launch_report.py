from django.core.management.base import BaseCommand, CommandError

from accounts.enums import Role
from accounts.models import User
from innovations.models import Cycle
from reports.exporters import exporter, formats_of


class Command(BaseCommand):
    help = "Write the launch report of a cycle to a file (xlsx, csv or pdf)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=formats_of("launch"), default="xlsx")
        parser.add_argument("-o", "--output", required=True, help="File to write.")
        parser.add_argument(
            "--include-approved",
            action="store_true",
            help="Also count approved innovations not yet launched (preview).",
        )

    def handle(self, *args, year, format, output, include_approved, **options):
        cycle = Cycle.objects.filter(year=year).first()
        if cycle is None:
            raise CommandError(f"No cycle {year}.")
        # The shell acts with an administrator's view of the data (every innovation).
        reader = User(role=Role.ADMIN, is_active=True)
        with open(output, "wb") as fh:
            exporter("launch", format).write(
                fh, cycle=cycle, user=reader, include_approved=include_approved
            )
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}"))
