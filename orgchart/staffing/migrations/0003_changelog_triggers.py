"""Statement-level triggers logging writes to the tables the staffing roll-up reads
(PostgreSQL only; see orgchart/staffing/snapshot.py)."""
from django.db import migrations

WATCHED = ["personnel_assignment", "personnel_official", "personnel_separation", "positions_jobposition",
           "positions_positionlink", "staffing_quota", "structure_agency"]
FUNCTION = "staffing_log_change"


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        'INSERT INTO staffing_changelog ("table", "at") VALUES (TG_TABLE_NAME, now()); RETURN NULL; END $$'
    )
    for t in WATCHED:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS staffing_log_{t} ON {t}")
        schema_editor.execute(
            f"CREATE TRIGGER staffing_log_{t} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {t}"
            f" FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
        )


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for t in WATCHED:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS staffing_log_{t} ON {t}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")


class Migration(migrations.Migration):
    dependencies = [
        ("staffing", "0002_rollup_snapshot"),
        ("personnel", "0001_initial"),
        ("positions", "0001_initial"),
        ("structure", "0001_initial"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
