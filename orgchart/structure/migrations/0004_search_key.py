"""The search column (core.search): folded words of the name and code, filled for existing rows; GIN index on PostgreSQL."""
import orgchart.core.search
from django.db import migrations

from orgchart.core.search_pg import migration_operations


class Migration(migrations.Migration):

    dependencies = [
        ('structure', '0003_history_request'),
    ]

    operations = [
        migrations.AddField(
            model_name='agency',
            name='search_key',
            field=orgchart.core.search.SearchKeyField(sources=('name', 'code'), verbose_name='khóa tìm kiếm'),
        ),
    ] + migration_operations('structure', 'agency')
