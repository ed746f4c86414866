"""The search column (core.search): folded words of the name and code, filled for existing rows; GIN index on PostgreSQL."""
import orgchart.core.search
from django.db import migrations

from orgchart.core.search_pg import migration_operations


class Migration(migrations.Migration):

    dependencies = [
        ('personnel', '0003_history_request'),
    ]

    operations = [
        migrations.AddField(
            model_name='official',
            name='search_key',
            field=orgchart.core.search.SearchKeyField(sources=('full_name', 'code'), verbose_name='khóa tìm kiếm'),
        ),
    ] + migration_operations('personnel', 'official')
