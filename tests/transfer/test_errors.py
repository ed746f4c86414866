"""Every error class of import_data: exit code 1, `row N, column C: message` on stderr,
nothing written."""
from orgchart.personnel.models import Official
from orgchart.structure.models import Agency

OFFICIAL_HEADER = "code,full_name,birth_date,gender,staff_type\n"


def lines(err):
    return [line for line in err.splitlines() if line.startswith("row ")]


def test_unknown_column(run, write):
    code, out, err = run("import_data", "officials", write("o.csv", "code,full_name,birth_date,gender,staff_type,shoe_size\n"
                                                                    "A,An,1980-01-01,male,cadre,42\n"))
    assert code == 1
    assert "row 1, column shoe_size: unknown column" in err
    assert not Official.objects.exists()


def test_unknown_enumeration_value_lists_allowed_values(run, write):
    code, _, err = run("import_data", "officials", write("o.csv", OFFICIAL_HEADER + "A,An,1980-01-01,nam,cadre\n"))
    assert code == 1
    assert "row 2, column gender: unknown value 'nam'; allowed: male, female" in err


def test_missing_required_column(run, write):
    code, _, err = run("import_data", "officials", write("o.csv", "code,full_name,gender,staff_type\nA,An,male,cadre\n"))
    assert code == 1
    assert "row 1, column birth_date: missing required column" in err


def test_empty_required_cell(run, write):
    code, _, err = run("import_data", "officials", write("o.csv", OFFICIAL_HEADER + "A,,1980-01-01,male,cadre\n"))
    assert code == 1
    assert "row 2, column full_name: required value is empty" in err


def test_bad_date(run, write):
    code, _, err = run("import_data", "officials", write("o.csv", OFFICIAL_HEADER + "A,An,1980-13-40,male,cadre\n"))
    assert code == 1
    assert "row 2, column birth_date: invalid date '1980-13-40'" in err


def test_bad_reference_names_row_and_column(run, write, base):
    code, _, err = run("import_data", "positions", write("p.csv", "code,agency_code,title,category\n"
                                                                  "X1,P.NV,Chuyên viên,professional\n"
                                                                  "X2,NOPE,Chuyên viên,professional\n"))
    assert code == 1
    assert lines(err) == ["row 3, column agency_code: unknown agency (cơ quan) code 'NOPE' (mã không tồn tại)"]
    assert not Agency.objects.filter(positions__code="X1").exists()


def test_duplicate_key_in_file(run, write):
    code, _, err = run("import_data", "officials", write("o.csv", OFFICIAL_HEADER + "A,An,1980-01-01,male,cadre\n"
                                                                              "B,Bình,1981-01-01,male,cadre\n"
                                                                              "A,An 2,1980-01-01,male,cadre\n"))
    assert code == 1
    assert "row 4, column code: duplicate key, already on row 2" in err
    assert not Official.objects.exists()


def test_end_before_start(run, write, base):
    code, _, err = run("import_data", "assignments", write("a.csv", "official_code,position_code,kind,start_on,end_on\n"
                                                                    "CB1,P.NV.GD,first_appointment,2020-05-01,2020-04-30\n"))
    assert code == 1
    assert "row 2, column end_on: end_on 2020-04-30 must be on or after start_on 2020-05-01" in err


def test_dissolved_not_after_established(run, write):
    code, _, err = run("import_data", "agencies", write("a.csv", "code,name,kind,level,established_on,dissolved_on\n"
                                                                 "A,A,department,province,2020-01-01,2020-01-01\n"))
    assert code == 1
    assert "row 2, column dissolved_on:" in err


def test_empty_file(run, write):
    code, out, err = run("import_data", "officials", write("o.csv", ""))
    assert code == 1 and "file is empty" in err and out == ""


def test_header_only(run, write):
    code, _, err = run("import_data", "officials", write("o.csv", OFFICIAL_HEADER))
    assert code == 1 and "no data rows" in err


def test_legacy_encoding_is_named(run, write):
    path = write("o.csv", OFFICIAL_HEADER + "A,Văn Ân Đăng,1980-01-01,male,cadre\n", encoding="cp1258")
    code, _, err = run("import_data", "officials", path)
    assert code == 1
    assert "not UTF-8" in err and "cp1258" in err and "save it as UTF-8" in err
    assert "Traceback" not in err


def test_latin1_is_refused(run, write):
    code, _, err = run("import_data", "officials", write("o.csv", OFFICIAL_HEADER + "A,José,1980-01-01,male,cadre\n",
                                                          encoding="latin-1"))
    assert code == 1 and "not UTF-8" in err


def test_utf8_bom_is_accepted(run, write):
    code, out, err = run("import_data", "officials", write("o.csv", "\ufeff" + OFFICIAL_HEADER + "A,Ân,1980-01-01,male,cadre\n"))
    assert code == 0, err
    assert Official.objects.get(code="A").full_name == "Ân"


def test_every_bad_row_listed_and_nothing_written(run, write):
    text = OFFICIAL_HEADER + "".join(
        f"C{i},Name {i},{'1980-02-30' if i % 3 == 0 else '1980-01-01'},{'x' if i == 4 else 'male'},cadre\n" for i in range(10)
    )
    code, out, err = run("import_data", "officials", write("o.csv", text))
    assert code == 1
    assert lines(err) == [
        "row 2, column birth_date: invalid date '1980-02-30': expected YYYY-MM-DD (ngày không hợp lệ, cần dạng năm-tháng-ngày)",
        "row 5, column birth_date: invalid date '1980-02-30': expected YYYY-MM-DD (ngày không hợp lệ, cần dạng năm-tháng-ngày)",
        "row 6, column gender: unknown value 'x'; allowed: male, female (giá trị không thuộc danh mục)",
        "row 8, column birth_date: invalid date '1980-02-30': expected YYYY-MM-DD (ngày không hợp lệ, cần dạng năm-tháng-ngày)",
        "row 11, column birth_date: invalid date '1980-02-30': expected YYYY-MM-DD (ngày không hợp lệ, cần dạng năm-tháng-ngày)",
    ]
    assert not Official.objects.exists() and out == ""


def test_one_bad_row_among_good_ones_writes_nothing(run, write, base):
    before = Official.objects.count()
    text = OFFICIAL_HEADER + "N1,An,1980-01-01,male,cadre\nN2,Bình,1980-01-01,male,soldier\nN3,Chi,1980-01-01,female,cadre\n"
    code, _, err = run("import_data", "officials", write("o.csv", text))
    assert code == 1 and len(lines(err)) == 1
    assert Official.objects.count() == before
    assert not Official.history.filter(code__in=["N1", "N3"]).exists()


def test_cycle_in_parent_codes(run, write):
    code, _, err = run("import_data", "agencies", write("a.csv", "code,name,kind,level,parent_code\n"
                                                                 "A,A,department,province,B\nB,B,department,province,A\n"
                                                                 "C,C,department,province,C\n"))
    assert code == 1
    assert {line.split(":")[0] for line in lines(err)} == {"row 2, column parent_code", "row 3, column parent_code",
                                                          "row 4, column parent_code"}
    assert not Agency.objects.exists()


def test_cycle_with_existing_tree(run, write, base):
    code, _, err = run("import_data", "agencies", write("a.csv", "code,name,kind,level,parent_code\n"
                                                                 "P,Tỉnh P,people_committee,province,P.NV\n"))
    assert code == 1 and "row 2, column parent_code: parent_code makes a cycle" in err
    assert Agency.objects.get(code="P").parent is None


def test_json_errors_use_csv_row_numbers(run, write):
    path = write("o.json", '[{"code": "A", "full_name": "An", "birth_date": "1980-01-01", "gender": "male",'
                           ' "staff_type": "cadre"}, {"code": "B", "full_name": "B", "birth_date": "1980-01-01",'
                           ' "gender": "male"}]')
    code, _, err = run("import_data", "officials", path)
    assert code == 1 and "row 3, column staff_type: required value missing" in err


def test_unknown_kind_and_missing_file(run, write, tmp_path):
    code, _, err = run("import_data", "widgets", write("o.csv", OFFICIAL_HEADER))
    assert code == 1 and "unknown kind 'widgets'" in err
    code, _, err = run("import_data", "officials", tmp_path / "missing.csv")
    assert code == 1 and "cannot read" in err and "Traceback" not in err


def test_malformed_xlsx_and_json(run, write):
    code, _, err = run("import_data", "officials", write("o.xlsx", b"not a zip"))
    assert code == 1 and "XLSX" in err
    code, _, err = run("import_data", "officials", write("o.json", "{not json"))
    assert code == 1 and "invalid JSON" in err


def test_extra_cells_are_errors(run, write):
    code, _, err = run("import_data", "officials", write("o.csv", OFFICIAL_HEADER + "A,An,1980-01-01,male,cadre,extra\n"))
    assert code == 1 and "row 2, column #6: more cells than header columns" in err


def test_text_too_long(run, write):
    code, _, err = run("import_data", "officials", write("o.csv", OFFICIAL_HEADER + f"{'A' * 65},An,1980-01-01,male,cadre\n"))
    assert code == 1 and "row 2, column code: text longer than 64 characters" in err


def test_semicolon_csv_from_excel_is_read(run, write):
    code, out, err = run("import_data", "officials", write("o.csv", "code;full_name;birth_date;gender;staff_type;"
                                                                    "education_field\r\n"
                                                                    "A;An;1980-01-01;male;cadre;\"Luật;Kinh tế\"\r\n"))
    assert code == 0, err
    assert Official.objects.get(code="A").education_field == "Luật;Kinh tế"
