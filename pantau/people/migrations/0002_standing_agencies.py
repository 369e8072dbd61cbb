from django.db import migrations


def create_standing_agencies(apps, schema_editor):
    from pantau.people.agencies import ensure_standing_agencies

    ensure_standing_agencies(apps.get_model("people", "Agency"))


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(create_standing_agencies, migrations.RunPython.noop)]
