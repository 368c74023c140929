from django.core.management.base import BaseCommand

from portfolio.demo import seed_demo_portfolio


class Command(BaseCommand):
    help = (
        "Demo data across years (idempotent; after seed_demo and seed_demo --open): an imported "
        "legacy archive, a 2025 innovation continued into the current year, a decree about to "
        "lapse, monitoring reports filed, due and overdue, and replications."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=2025)

    def handle(self, *args, year, **options):
        summary = seed_demo_portfolio(year=year)
        if not summary:
            self.stdout.write("No admin account or no DINKES unit: run seed_demo first.")
            return
        self.stdout.write(
            f"Portfolio demo: archive of {summary['archive']} innovations imported; "
            f"{summary['innovation']} (2025) continued as {summary['continued'] or '-'}"
        )
