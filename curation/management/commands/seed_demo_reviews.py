from django.core.management.base import BaseCommand, CommandError

from curation.demo import ensure_bench_curators, seed_demo_reviews
from innovations.models import Cycle


class Command(BaseCommand):
    help = "Demo curator assignments and reviews for a cycle (idempotent; after seed_demo)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=2025)
        parser.add_argument(
            "--curators",
            type=int,
            default=0,
            help="synthetic curators to add first, for the benchmark's national scale",
        )

    def handle(self, *args, year, curators, **options):
        if curators:
            made = ensure_bench_curators(curators)
            self.stdout.write(f"Synthetic curators: {made} created ({curators} wanted)")
        cycle = Cycle.objects.filter(year=year).first()
        if cycle is None:
            raise CommandError(f"No cycle {year}: run seed_demo --year {year} first.")
        assigned, reviewed = seed_demo_reviews(cycle)
        self.stdout.write(f"Demo curation for {year}: {assigned} assignments, {reviewed} reviews")
