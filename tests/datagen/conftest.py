"""Fixtures for the dataset generator tests: a tiny national-shaped data set (2 provinces, 1 ministry)."""
import hashlib

import pytest
from django.db import connection

from orgchart.datagen.generator import TABLES, Generator
from orgchart.datagen.models import GeneratedChunk, GenerationRun

TINY = {"seed": 7, "agencies": 60, "officials": 500, "provinces": 1, "ministries": 1}


def make_generator(**overrides) -> Generator:
    params = {**TINY, **overrides}
    return Generator(params["seed"], params["agencies"], params["officials"], params["provinces"],
                     params["ministries"], log=lambda m: None)


def wipe() -> None:
    """Remove every generated row (children first) so a second run starts from an empty database."""
    order = ["target", "quota", "separation", "succession", "discipline", "rating", "assignment", "official",
             "positionlink", "position", "mandate", "agencylink"]
    with connection.cursor() as cur:
        for key in order:
            cur.execute(f'DELETE FROM "{TABLES[key][0]._meta.db_table}"')
        cur.execute('UPDATE "structure_agency" SET parent_id = NULL')
        cur.execute('DELETE FROM "structure_agency"')
    GeneratedChunk.objects.all().delete()
    GenerationRun.objects.all().delete()


def digest() -> str:
    """A hash of every generated row by natural keys (ids left out), in a stable order."""
    from orgchart.personnel.models import Assignment, Official, Rating
    from orgchart.positions.models import JobPosition
    from orgchart.staffing.models import Quota
    from orgchart.structure.models import Agency, Mandate

    h = hashlib.sha256()
    parts = [
        Agency.objects.order_by("code").values_list("code", "name", "kind", "level", "parent__code", "lft", "rght",
                                                     "mptt_level", "agency_class"),
        Mandate.objects.order_by("agency__code", "ref").values_list("agency__code", "ref", "kind", "text"),
        JobPosition.objects.order_by("code").values_list("code", "agency__code", "title", "category", "leadership_role",
                                                          "quota", "min_education", "education_fields"),
        Official.objects.order_by("code").values_list("code", "full_name", "birth_date", "gender", "staff_type",
                                                       "rank_code", "education_level", "hired_on"),
        Assignment.objects.order_by("official__code", "start_on", "position__code").values_list(
            "official__code", "position__code", "kind", "start_on", "end_on"),
        Rating.objects.order_by("official__code", "year").values_list("official__code", "year", "rating"),
        Quota.objects.order_by("agency__code", "year", "kind").values_list("agency__code", "year", "kind", "amount"),
    ]
    for qs in parts:
        for row in qs:
            h.update(repr(row).encode())
    return h.hexdigest()


@pytest.fixture
def tiny(db):
    """The tiny data set, generated once per test."""
    return make_generator().run(progress=False)
