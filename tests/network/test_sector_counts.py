"""A snapshot's members per sector, kept beside its data for the figures."""

import importlib

import pytest
from django.apps import apps

from eigenkracht.network import services
from eigenkracht.network.models import NetworkMember, NetworkSnapshot

pytestmark = pytest.mark.django_db

sector_counts_migration = importlib.import_module(
    "eigenkracht.network.migrations.0002_snapshot_sector_counts"
)


def test_a_snapshot_counts_its_members_per_sector(trajectory):
    NetworkMember.objects.create(trajectory=trajectory, name="Oma", sector="family", ring="close")
    NetworkMember.objects.create(trajectory=trajectory, name="Opa", sector="family", ring="close")
    NetworkMember.objects.create(trajectory=trajectory, name="Buur", sector="friends", ring="far")

    snapshot = services.snapshot_take(trajectory=trajectory, reason="manual", actor=None)

    assert snapshot.sector_counts == {"family": 2, "friends": 1}
    snapshot.refresh_from_db()
    assert snapshot.sector_counts["family"] == 2


def test_a_member_without_a_known_sector_counts_as_unknown_and_a_new_data_is_counted(trajectory):
    snapshot = NetworkSnapshot.objects.create(
        trajectory=trajectory,
        taken_at=trajectory.referred_at,
        reason="intake",
        member_count=2,
        data=[{"name": "A", "sector": "family"}, {"name": "B", "sector": "elders"}],
    )
    assert snapshot.sector_counts == {"family": 1, "": 1}

    snapshot.data = [{"name": "A", "sector": "friends"}]
    snapshot.save(update_fields=["data"])
    snapshot.refresh_from_db()

    assert snapshot.sector_counts == {"friends": 1}


def test_the_migration_counts_the_snapshots_taken_before(trajectory):
    snapshot = NetworkSnapshot.objects.create(
        trajectory=trajectory,
        taken_at=trajectory.referred_at,
        reason="intake",
        member_count=3,
        data=[{"sector": "family"}, {"sector": "family"}, {"sector": ""}],
    )
    NetworkSnapshot.objects.filter(pk=snapshot.pk).update(sector_counts={})  # as before 0002

    sector_counts_migration.count_sectors(apps, None)

    snapshot.refresh_from_db()
    assert snapshot.sector_counts == {"family": 2, "": 1}
