import pytest

from app import files, tables


def test_atomic_write_replaces_whole_file(tmp_path):
    path = tmp_path / "out.csv"
    files.write_text(path, "old")
    files.write_text(path, "new")
    assert path.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_failed_write_leaves_old_file_and_no_temp(tmp_path):
    path = tmp_path / "out.csv"
    files.write_text(path, "old")
    with pytest.raises(RuntimeError):
        with files.atomic_path(path) as tmp:
            tmp.write_text("half")
            raise RuntimeError("crash mid-write")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_csv_round_trips_exact_floats(tmp_path):
    x = [0.1, 1 / 3, -2.5e-17]
    tables.write_csv(tmp_path / "t.csv", {"x": x, "y": [1, 2, 3]})
    lines = (tmp_path / "t.csv").read_text().splitlines()
    assert lines[0] == "x,y"
    assert [float(line.split(",")[0]) for line in lines[1:]] == x


def test_csv_writes_integer_columns_as_integers():
    import numpy as np
    assert tables.to_csv({"class": np.arange(3), "p": np.array([0.5, 0.25, 0.25])}).splitlines() == [
        "class,p", "0,0.5", "1,0.25", "2,0.25"]


def test_csv_rejects_ragged_columns():
    with pytest.raises(ValueError, match="differ in length"):
        tables.to_csv({"a": [1, 2], "b": [1]})


def test_new_file_gets_ordinary_permissions(tmp_path):
    import os
    umask = os.umask(0o022)
    try:
        files.write_text(tmp_path / "a.txt", "x")
    finally:
        os.umask(umask)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o644
