from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.enums import Role
from accounts.models import User
from innovations.importer import Outcome, column_name, import_stream, open_table
from innovations.tables import UnreadableTable


class Command(BaseCommand):
    help = (
        "Import innovations from an XLSX or CSV file with a header row: rows without a final "
        "status become drafts; rows with one (launched, approved, rejected) are entries of the "
        "legacy archive, found again by their key when the file is imported twice. Reports each "
        "row as created, already imported or refused with the reasons."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="An .xlsx or .csv file.")
        parser.add_argument("--dry-run", action="store_true", help="Check only; store nothing.")
        parser.add_argument(
            "--year", type=int, default=None, help="Cycle year for rows without one."
        )
        parser.add_argument(
            "--by",
            default=None,
            help="E-mail of the account the drafts are created by (default: the first admin).",
        )

    def handle(self, *args, file, dry_run, year, by, **options):
        user = self._user(by)
        verb = "would be created" if dry_run else "created"
        counts = {Outcome.CREATED: 0, Outcome.EXISTING: 0, Outcome.REFUSED: 0}

        def report(results):
            for result in results:
                counts[result.outcome] += 1
                self.stdout.write(self._line(result, verb))

        try:
            with open_table(file) as (headers, rows):
                if not headers:
                    raise CommandError("The file has no header row.")
                importer = import_stream(
                    headers,
                    rows,
                    # A file with a final-status column is the legacy archive, read as the
                    # import page reads it: every row needs its status.
                    archive_only="status" in {column_name(h) for h in headers},
                    by=user,
                    default_year=year,
                    dry_run=dry_run,
                    source=Path(file).name,
                    on_batch=report,
                )
        except (OSError, UnreadableTable) as exc:
            raise CommandError(str(exc)) from exc
        if importer.ignored_columns:
            ignored = ", ".join(str(c) for c in importer.ignored_columns)
            self.stdout.write(f"Ignored columns: {ignored}")
        if importer.cycles_created:
            years = ", ".join(str(y) for y in importer.cycles_created)
            self.stdout.write(f"Cycles {'to be ' if dry_run else ''}created: {years}")
        summary = f"{counts[Outcome.CREATED]} {verb}"
        if counts[Outcome.EXISTING]:
            summary += f", {counts[Outcome.EXISTING]} already imported"
        summary += f", {counts[Outcome.REFUSED]} refused"
        if dry_run:
            summary += " (dry run: nothing stored)"
        self.stdout.write(summary)

    def _line(self, result, verb):
        if result.outcome == Outcome.EXISTING:
            return f"Row {result.number}: already imported {result.code} “{result.title}”"
        if result.ok:
            return f"Row {result.number}: {verb} {result.code} “{result.title}”"
        reasons = "; ".join(
            f"{field}: {' '.join(str(m) for m in messages)}"
            if field != "__all__"
            else " ".join(str(m) for m in messages)
            for field, messages in result.errors.items()
        )
        return f"Row {result.number}: refused “{result.title}”: {reasons}"

    def _user(self, email):
        if email:
            user = User.objects.filter(email__iexact=email, is_active=True).first()
            if user is None:
                raise CommandError(f"No active account {email}.")
            return user
        user = User.objects.filter(role=Role.ADMIN, is_active=True).order_by("pk").first()
        if user is None:
            raise CommandError("No admin account: create one or pass --by EMAIL.")
        return user
