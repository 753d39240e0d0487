"""Count again what the figures read summed: each snapshot's members per sector and each
trajectory's answers per group. Safe at any time; after an update that added them (see
docs/deployment.md), it counts what the old workers stored while the server migrated."""

from django.core.management.base import BaseCommand

from eigenkracht.evaluations.tallies import tallies_rebuild
from eigenkracht.network.services import sector_counts_recount


class Command(BaseCommand):
    help = "Count the snapshots' members per sector and the answers per group again."

    def handle(self, *args, **options) -> None:
        snapshots = sector_counts_recount()
        tallies = tallies_rebuild()
        self.stdout.write(
            f"Momentopnamen herteld: {snapshots}. Optellingen van evaluaties: {tallies}."
        )
