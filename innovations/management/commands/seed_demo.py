from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.demo import ensure_demo_accounts
from innovations.models import Cycle


class Command(BaseCommand):
    help = "Create the demo cycle and demo accounts (idempotent); optionally demo innovations."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=2025)
        parser.add_argument(
            "--accounts-only",
            action="store_true",
            help="Only the demo cycle and accounts, no innovations.",
        )

    @transaction.atomic
    def handle(self, *args, year, accounts_only, **options):
        cycle, created = Cycle.objects.get_or_create(
            year=year, defaults=Cycle.defaults_for_year(year)
        )
        self.stdout.write(f"Cycle {cycle.year}: {'created' if created else 'already there'}")
        self.stdout.write("Demo accounts (e-mail / password / role):")
        for email, role, password, was_created in ensure_demo_accounts():
            flag = "new" if was_created else "existing"
            self.stdout.write(f"  {email:32} {password:22} {role:9} ({flag})")
