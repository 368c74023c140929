from django.core.management.base import BaseCommand, CommandError

from agreements.demo import seed_demo_agreements
from innovations.models import Cycle


class Command(BaseCommand):
    help = "Demo agreements of the regency's units for a cycle (idempotent; after seed_demo)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=2025)

    def handle(self, *args, year, **options):
        cycle = Cycle.objects.filter(year=year).first()
        if cycle is None:
            raise CommandError(f"No cycle {year}: run seed_demo --year {year} first.")
        made = seed_demo_agreements(cycle)
        self.stdout.write(f"Demo agreements for {year}: {made} created")
