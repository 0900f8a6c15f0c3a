"""The geometry cache goes: the assessment is stored whole (photos 0002 moved the cached
geometry into it first)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("imaging", "0001_initial"),
        ("photos", "0002_assessment_stored_whole"),
    ]

    operations = [
        migrations.DeleteModel(name="PhotoGeometry"),
    ]
