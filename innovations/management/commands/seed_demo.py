import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.demo import ensure_demo_accounts
from innovations import demo, demo_public
from innovations.models import Cycle


class Command(BaseCommand):
    help = (
        "Create the demo cycle and demo accounts (idempotent), the publicly named innovations "
        "as demo entries, and generated demo innovations up to --innovations for the year."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=2025)
        parser.add_argument(
            "--accounts-only",
            action="store_true",
            help="Only the demo cycle and accounts, no innovations.",
        )
        parser.add_argument(
            "--innovations",
            type=int,
            default=120,
            help="Demo innovations the year's cycle should have (default 120); only the "
            "missing ones are created.",
        )
        parser.add_argument(
            "--units",
            type=int,
            default=0,
            help="Synthetic units SIM-00001.. to create for benchmarks (e.g. 5000).",
        )
        parser.add_argument(
            "--open",
            action="store_true",
            help="When the cycle is new, date it around today so it is open for submissions "
            "(for trying the workflow in the current year).",
        )
        parser.add_argument("--seed", type=int, default=None, help="Random seed.")
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(
        self, *args, year, accounts_only, innovations, units, seed, batch_size, open, **options
    ):
        with transaction.atomic():
            dates = (
                Cycle.open_defaults(timezone.localdate()) if open else Cycle.defaults_for_year(year)
            )
            cycle, created = Cycle.objects.get_or_create(year=year, defaults=dates)
            self.stdout.write(f"Cycle {cycle.year}: {'created' if created else 'already there'}")
            self.stdout.write("Demo accounts (e-mail / password / role):")
            for email, role, password, was_created in ensure_demo_accounts():
                flag = "new" if was_created else "existing"
                self.stdout.write(f"  {email:32} {password:22} {role:9} ({flag})")
        if accounts_only:
            return
        started = time.monotonic()
        if units:
            made = demo.ensure_bench_units(units)
            self.stdout.write(f"Synthetic units: {made} created ({units} wanted)")
        named = demo_public.seed_public_innovations()
        self.stdout.write(f"Publicly named innovations (demo): {named} created")

        def progress(done):
            if done % 10_000 == 0:
                self.stdout.write(f"  ... {done} innovations")

        made = demo.seed_demo_innovations(
            year=year, count=innovations, seed=seed, batch_size=batch_size, progress=progress
        )
        if made:
            self.stdout.write(
                f"Demo innovations for {year}: {made} created in {time.monotonic() - started:.1f} s"
            )
        else:
            self.stdout.write(
                f"Demo innovations for {year}: already {innovations} or more, nothing created"
            )
