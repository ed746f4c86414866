"""Fixtures for the transfer tests: run the commands, write files, a small base data set."""
import io
from pathlib import Path

import pytest
from django.core.management import call_command

DATA = Path(__file__).parent / "data"


@pytest.fixture
def run(db):
    """run(*args) → (exit code, stdout, stderr) of a management command."""

    def call(*args):
        out, err = io.StringIO(), io.StringIO()
        code = 0
        try:
            call_command(*[str(a) for a in args], stdout=out, stderr=err)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        return code, out.getvalue(), err.getvalue()

    return call


@pytest.fixture
def write(tmp_path):
    """write(name, text, encoding='utf-8') → path of a new file in tmp_path."""

    def make(name, text, encoding="utf-8"):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
        return path

    return make


AGENCIES = """code,name,kind,level,parent_code,class
P,Ủy ban nhân dân tỉnh P,people_committee,province,,I
P.NV,Sở Nội vụ,department,province,P,
P.TC,Sở Tài chính,department,province,P,
"""
POSITIONS = """code,agency_code,title,category,leadership_role,quota
P.NV.GD,P.NV,Giám đốc Sở Nội vụ,leadership,head,1
P.NV.CV,P.NV,Chuyên viên tổ chức,professional,none,5
P.TC.CV,P.TC,Chuyên viên ngân sách,professional,,3
"""
OFFICIALS = """code,full_name,birth_date,gender,staff_type,education_level
CB1,Nguyễn Văn An,1970-03-02,male,civil_servant,master
CB2,Trần Thị Bình,1985-11-30,female,civil_servant,bachelor
CB3,Lê Văn Cường,1990-01-15,male,public_employee,
"""


@pytest.fixture
def base(run, write):
    """Three agencies, three positions, three officials, imported through the CLI."""
    for kind, text in (("agencies", AGENCIES), ("positions", POSITIONS), ("officials", OFFICIALS)):
        code, out, err = run("import_data", kind, write(f"{kind}.csv", text))
        assert code == 0, err
