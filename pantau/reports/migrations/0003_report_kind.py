from django.db import migrations, models


def anonymous_is_information(apps, schema_editor):
    # Before reports were sorted at intake, only an anonymous report was initial information.
    Report = apps.get_model("reports", "Report")
    Report.objects.filter(anonymous=True).update(kind="information", kind_reasons=["identity"])


STATUSES = [
    ("received", "Received (diterima)"),
    ("in_review", "Under initial review (kajian awal)"),
    ("registered", "Registered (diregistrasi)"),
    ("not_registered", "Not registered (tidak diregistrasi)"),
    ("in_assessment", "Being examined (klarifikasi dan kajian)"),
    ("decided", "Decided (diputuskan)"),
    ("violation", "Decided: a violation"),
    ("no_violation", "Decided: not a violation"),
    ("forwarded", "Forwarded (diteruskan)"),
    ("closed", "Closed (selesai)"),
    ("information", "Received as initial information (informasi awal)"),
    ("inquiry", "Being looked into (penelusuran)"),
    ("finding", "Taken up as the office's finding (temuan)"),
]


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_reportattachment_origin_token")]

    operations = [
        migrations.AddField(
            model_name="report",
            name="kind",
            field=models.CharField(
                choices=[("report", "Report (laporan)"), ("information", "Initial information (informasi awal)")],
                default="report",
                max_length=12,
                verbose_name="kind",
            ),
        ),
        migrations.AddField(
            model_name="report",
            name="kind_reasons",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AlterField(
            model_name="report",
            name="status",
            field=models.CharField(choices=STATUSES, default="received", max_length=20, verbose_name="status"),
        ),
        migrations.AlterField(
            model_name="reportupdate",
            name="status",
            field=models.CharField(choices=STATUSES, max_length=20),
        ),
        migrations.RunPython(anonymous_is_information, migrations.RunPython.noop),
    ]
