from django.core.management.base import BaseCommand, CommandError

from iga.demo import DEFAULT_ENTRIES, seed_demo_iga
from iga.estimate import region_estimate
from innovations.models import Cycle


class Command(BaseCommand):
    help = (
        "Demo IGA data for a cycle (idempotent; after seed_demo): region levels, innovation "
        "levels with evidence, and entries reported to the IGA."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=2025)
        parser.add_argument("--entries", type=int, default=DEFAULT_ENTRIES)

    def handle(self, *args, year, entries, **options):
        cycle = Cycle.objects.filter(year=year).first()
        if cycle is None:
            raise CommandError(f"No cycle {year}: run seed_demo --year {year} first.")
        made, levels, region = seed_demo_iga(cycle, entries=entries)
        if made or region:
            self.stdout.write(
                f"Demo IGA {year}: {made} entries, {levels} innovation levels, "
                f"{region} region levels"
            )
        else:
            self.stdout.write(f"Demo IGA {year}: already there, nothing created")
        estimate = region_estimate(cycle)
        band = estimate.band or {}
        self.stdout.write(
            f"  estimated IID {estimate.index} ({band.get('label', '-')}), "
            f"skor total {estimate.total:.2f} / {estimate.total_max}"
        )
