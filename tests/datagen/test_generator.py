"""Dataset generator: determinism per seed, valid MPTT, resume after an interruption, integrity."""
import datetime as dt
import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q

from orgchart.datagen import generator as gen_module
from orgchart.datagen.generator import AS_OF
from orgchart.datagen.models import GeneratedChunk, GenerationRun
from orgchart.datagen.plan import Plan, make_plan
from orgchart.eligibility.calendar import retirement_date
from orgchart.personnel.models import Assignment, Official, Rating, Separation, SuccessionPlan
from orgchart.positions.models import JobPosition, PositionLink
from orgchart.staffing.models import Quota
from orgchart.structure.models import Agency, AgencyLink, Mandate

from .conftest import TINY, digest, make_generator, wipe

pytestmark = pytest.mark.django_db(transaction=False)


def test_same_seed_same_rows_other_seed_other_rows(tiny):
    first = digest()
    wipe()
    make_generator().run(progress=False)
    assert digest() == first
    wipe()
    make_generator(seed=8).run(progress=False)
    assert digest() != first


def test_plan_is_deterministic_and_near_the_target():
    a = make_plan(3, 300, 4000, provinces=4, ministries=3)
    b = make_plan(3, 300, 4000, provinces=4, ministries=3)
    assert [(n.code, n.name, n.officials) for n in a.nodes] == [(n.code, n.name, n.officials) for n in b.nodes]
    assert abs(len(a.nodes) - 300) <= 10
    assert sum(n.officials for n in a.nodes) == 4000
    full = Plan(3, 0.01).build()  # the national skeleton at a low density
    assert len([n for n in full.nodes if n.kind == "people_committee" and n.level == "province"]) == 34
    assert len([n for n in full.nodes if n.kind in ("ministry", "ministry_equivalent")]) == 17
    assert {n.agency_class for n in full.nodes if n.code in ("T01", "T05")} == {"special"}


def test_counts_match_the_parameters(tiny):
    assert Official.objects.count() == TINY["officials"]
    planned = tiny.details["planned_agencies"]
    assert Agency.objects.count() == planned
    assert Agency.objects.filter(level="province", kind="people_committee").count() == TINY["provinces"]
    assert Agency.objects.filter(kind__in=["ministry", "ministry_equivalent"]).count() == TINY["ministries"]
    assert set(GeneratedChunk.objects.values_list("key", flat=True)) == {"C00", "P01"}
    assert tiny.finished_at is not None


def test_mptt_values_equal_a_rebuild(tiny):
    fields = ("pk", "lft", "rght", "tree_id", "mptt_level", "parent_id")
    written = list(Agency.objects.order_by("pk").values_list(*fields))
    Agency.objects.rebuild()
    assert list(Agency.objects.order_by("pk").values_list(*fields)) == written
    root = Agency.objects.get(code="VN")
    assert root.get_descendant_count() == Agency.objects.count() - 1
    hanoi = Agency.objects.get(code="T01")
    assert hanoi.name == "Ủy ban nhân dân thành phố Hà Nội"
    assert hanoi.get_descendants().filter(kind="department").count() >= 12


def test_every_agency_and_position_has_its_link_rows(tiny):
    assert AgencyLink.objects.count() == Agency.objects.count()
    assert not AgencyLink.objects.exclude(parent_id=None).exclude(
        parent_id__in=Agency.objects.values("pk")).exists()
    mismatched = AgencyLink.objects.exclude(Q(parent=None, agency__parent=None) | Q(parent_id=models_f("agency__parent_id")))
    assert not mismatched.exists()
    assert PositionLink.objects.count() == JobPosition.objects.count()
    assert not PositionLink.objects.exclude(agency_id=models_f("position__agency_id")).exists()


def models_f(name):
    from django.db.models import F

    return F(name)


def test_personnel_rows_are_consistent(tiny):
    # every official has a history; intervals are well-formed and do not overlap for one official
    assert not Official.objects.annotate(n=Count("assignments")).filter(n=0).exists()
    by_official = {}
    for oid, _kind, start, end in Assignment.objects.exclude(kind="concurrent").values_list(
            "official_id", "kind", "start_on", "end_on").order_by("official_id", "start_on"):
        assert end is None or end >= start
        prev = by_official.get(oid)
        if prev is not None:
            assert prev is not dt.date.max and prev < start, f"overlapping assignments of official {oid}"
        by_official[oid] = end or dt.date.max
    # holders on AS_OF are not retired then; separated officials hold nothing after leaving
    for o in Official.objects.filter(assignments__end_on__isnull=True).distinct()[:300]:
        assert retirement_date(o.birth_date, o.gender) > AS_OF
    for s in Separation.objects.all():
        assert not Assignment.objects.filter(Q(end_on__isnull=True) | Q(end_on__gte=s.separated_on),
                                             official_id=s.official_id).exclude(kind="concurrent").exists()
    assert Separation.objects.exists() and Rating.objects.exists() and SuccessionPlan.objects.exists()
    assert not SuccessionPlan.objects.exclude(period_start=2026).exists()
    # quotas for every year 2021–2026 and positions with seats
    assert set(Quota.objects.values_list("year", flat=True)) == set(range(2021, 2027))
    assert not JobPosition.objects.filter(quota__isnull=True).exists()
    heads = JobPosition.objects.filter(leadership_role="head")
    assert heads.count() == Agency.objects.exclude(code="VN").count()


def test_mandates_come_from_the_real_texts_with_planted_overlaps(db):
    run = make_generator(provinces=4, officials=300, agencies=160).run(progress=False)
    justice = Mandate.objects.filter(agency__name="Sở Tư pháp thành phố Hà Nội")
    assert justice.filter(kind="function").exists() and justice.filter(kind="duty").count() >= 10
    texts = " ".join(Mandate.objects.filter(agency__code__startswith="T02.").values_list("text", flat=True))
    assert "Huế" in texts and "Hưng Yên" not in texts  # the source province is replaced
    assert "[truncated" not in texts
    for plant in run.details.get("planted_overlaps", []):
        shared = set(Mandate.objects.filter(agency__code=plant["a"]).values_list("text", flat=True)) & set(
            Mandate.objects.filter(agency__code=plant["b"]).values_list("text", flat=True))
        assert shared
    assert Mandate.objects.exclude(text_key="").count() == Mandate.objects.count()


def test_names_are_vietnamese_with_realistic_family_names(db):
    import random

    from orgchart.datagen.names import NamePicker

    picker = NamePicker(random.Random(1))
    names = [picker.full_name("female" if i % 2 else "male") for i in range(6000)]
    family = Counter(n.split()[0] for n in names)
    assert 0.33 < family["Nguyễn"] / len(names) < 0.43
    assert family["Trần"] > family["Đỗ"] > 0
    assert any("Thị" in n for n in names)


def test_resume_after_an_interruption_gives_the_same_data(db, monkeypatch):
    make_generator().run(progress=False)
    clean = digest()
    wipe()
    real_chunk = gen_module.Generator._chunk
    calls = {"n": 0}

    def failing(self, chunk, nodes, run):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt("stopped")
        return real_chunk(self, chunk, nodes, run)

    monkeypatch.setattr(gen_module.Generator, "_chunk", failing)
    with pytest.raises(KeyboardInterrupt):
        make_generator().run(progress=False)
    monkeypatch.setattr(gen_module.Generator, "_chunk", real_chunk)
    run = GenerationRun.objects.get()
    assert run.finished_at is None and run.chunks.count() == 1
    with pytest.raises(RuntimeError, match="--resume"):
        make_generator().run(progress=False)
    make_generator().run(resume=True, progress=False)
    assert digest() == clean
    assert GeneratedChunk.objects.count() == 2


def test_command_reports_and_reuses_a_finished_run(db):
    out, err = io.StringIO(), io.StringIO()
    args = ["--agencies", "90", "--officials", "300", "--seed", "7", "--provinces", "1", "--ministries", "1",
            "--no-progress"]
    call_command("generate_dataset", *args, stdout=out, stderr=err)
    assert "official=300" in out.getvalue()
    n = Agency.objects.count()
    call_command("generate_dataset", *args, stdout=out, stderr=err)
    assert Agency.objects.count() == n
    assert "đã được sinh đầy đủ" in err.getvalue()
    with pytest.raises(CommandError):
        call_command("generate_dataset", "--agencies", "0", stdout=out, stderr=err)


def test_generated_rows_are_searchable(tiny):
    """The generator writes the search column itself (COPY / multi-row INSERT bypass save())."""
    from orgchart.core.search import search_key_mismatches, words

    assert search_key_mismatches(Official) == [] and search_key_mismatches(Agency) == []
    o = Official.objects.order_by("pk").first()
    family, given = words(o.full_name)[0], words(o.full_name)[-1]
    assert Official.objects.filter(search_key__words=f"{family} {given}", pk=o.pk).exists()
