"""Every existing trajectory gets the consent its referral recorded (date and way) as its first
Consent record. Who gave it was not asked: the relation is "not recorded", except when the person
referred themselves."""

from django.db import migrations

ALL_SCOPES = ["conference", "network", "share_plan"]


def consent_from_referral(apps, schema_editor):
    Trajectory = apps.get_model("trajectories", "Trajectory")
    Consent = apps.get_model("trajectories", "Consent")
    missing = Trajectory.objects.filter(consents__isnull=True).only(
        "pk", "consent_on", "consent_method", "referrer_id", "referrer_name", "referred_at"
    )
    Consent.objects.bulk_create(
        [
            Consent(
                trajectory_id=trajectory.pk,
                given_on=trajectory.consent_on,
                method=trajectory.consent_method,
                given_by_relation="main_person" if trajectory.consent_method == "self" else "unknown",
                given_by_name=trajectory.referrer_name if trajectory.consent_method == "self" else "",
                scope=ALL_SCOPES,
                recorded_by_id=trajectory.referrer_id,
                recorded_at=trajectory.referred_at,
            )
            for trajectory in missing.iterator()
        ],
        batch_size=500,
    )


def remove_consents(apps, schema_editor):
    apps.get_model("trajectories", "Consent").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("trajectories", "0006_consent_records")]

    operations = [migrations.RunPython(consent_from_referral, remove_consents)]
