"""Change events get a code (natural key of the change_events import; existing events are
numbered KIND-YYYYMMDD-N) and `imported` (lineage recorded by an import, not an operation)."""
from django.db import migrations, models

HELP = "natural key of the change_events import; given automatically (KIND-YYYYMMDD-N) when left empty"


def number_events(apps, schema_editor):
    ChangeEvent = apps.get_model("structure", "ChangeEvent")
    used: dict[str, int] = {}
    for ev in ChangeEvent.objects.order_by("effective_on", "id"):
        prefix = f"{ev.kind.upper()}-{ev.effective_on:%Y%m%d}-"
        used[prefix] = used.get(prefix, 0) + 1
        ChangeEvent.objects.filter(pk=ev.pk).update(code=f"{prefix}{used[prefix]}")


class Migration(migrations.Migration):

    dependencies = [
        ('structure', '0004_search_key'),
    ]

    operations = [
        migrations.AddField(
            model_name='changeevent',
            name='code',
            field=models.CharField(blank=True, default="", help_text=HELP, max_length=64, verbose_name='mã sự kiện'),
            preserve_default=False,
        ),
        migrations.RunPython(number_events, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='changeevent',
            name='code',
            field=models.CharField(blank=True, help_text=HELP, max_length=64, unique=True, verbose_name='mã sự kiện'),
        ),
        migrations.AddField(
            model_name='changeevent',
            name='imported',
            field=models.BooleanField(default=False, help_text='recorded by the change_events import (lineage only); false: made by a restructuring operation', verbose_name='nhập từ dữ liệu lịch sử'),
        ),
        migrations.AddField(
            model_name='historicalchangeevent',
            name='code',
            field=models.CharField(blank=True, db_index=True, default="", help_text=HELP, max_length=64, verbose_name='mã sự kiện'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='historicalchangeevent',
            name='imported',
            field=models.BooleanField(default=False, help_text='recorded by the change_events import (lineage only); false: made by a restructuring operation', verbose_name='nhập từ dữ liệu lịch sử'),
        ),
    ]
