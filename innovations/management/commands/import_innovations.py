from django.core.management.base import BaseCommand, CommandError

from accounts.enums import Role
from accounts.models import User
from innovations.importer import import_rows, read_table


class Command(BaseCommand):
    help = (
        "Import innovations (as drafts) from an XLSX or CSV file with a header row; reports "
        "each row as created or refused with the reasons."
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
        try:
            headers, rows = read_table(file)
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        if not headers:
            raise CommandError("The file has no header row.")
        report = import_rows(headers, rows, by=user, default_year=year, dry_run=dry_run)
        if report.ignored_columns:
            ignored = ", ".join(str(c) for c in report.ignored_columns)
            self.stdout.write(f"Ignored columns: {ignored}")
        verb = "would be created" if dry_run else "created"
        for result in report.rows:
            if result.ok:
                self.stdout.write(f"Row {result.number}: {verb} {result.code} “{result.title}”")
            else:
                reasons = "; ".join(
                    f"{field}: {' '.join(str(m) for m in messages)}"
                    if field != "__all__"
                    else " ".join(str(m) for m in messages)
                    for field, messages in result.errors.items()
                )
                self.stdout.write(f"Row {result.number}: refused “{result.title}”: {reasons}")
        summary = f"{len(report.created)} {verb}, {len(report.refused)} refused"
        if dry_run:
            summary += " (dry run: nothing stored)"
        self.stdout.write(summary)

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
