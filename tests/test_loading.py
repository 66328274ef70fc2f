"""Unit checks of the CSV loader's pieces: display names, options, numbers, dates and speed."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.dataset import Dataset
from analysis.errors import DataError
from analysis.loading import LoadOptions, load_csv
from analysis.loading.values import parse_dates, to_numbers
from analysis.naming import display_name, unique_display_names

try:
    from tests.make_bad_files import _Table
except ModuleNotFoundError:  # plain `pytest` puts tests/, not the repo root, on sys.path
    from make_bad_files import _Table


@pytest.mark.parametrize(
    "column, name",
    [
        ("tv_spend", "TV"), ("paid_social_spend", "Paid Social"), ("ooh", "OOH"), ("digital", "Digital"),
        ("TV Spend", "TV"), ("facebook_S", "Facebook"), ("mdsp_vidtr", "TV"), ("x1", "X1"),
        ("spend_search", "Search"), ("search_cost", "Search"), ("ctv_spend_usd", "CTV"), ("sem_spend", "SEM"),
        ("dm_spend", "DM"), ("mdsp_dm", "Direct Mail"), ("mdsp_sem", "Search"), ("mdsp_auddig", "Digital Audio"),
        ("youtube_spend", "YouTube"), ("tvSpend", "TV"), ("Radio Spend", "Radio"), ("spend", "Spend"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_display_name(column, name):
    assert display_name(column) == name


def test_display_names_are_unique():
    assert unique_display_names(["tv_spend", "TV Spend", "tv_cost"]) == ("TV", "TV 2", "TV 3")


@pytest.mark.parametrize(
    "given, expected",
    [("x1,x2", ("x1", "x2")), (" x1 , x2 ,", ("x1", "x2")), (["x1"], ("x1",)), (None, None), ("", None)],
    ids=["comma-string", "spaces", "list", "none", "empty"],
)
def test_load_options_split_spend(given, expected):
    assert LoadOptions(spend=given).spend == expected


def test_load_options_empty_controls_means_none():
    assert LoadOptions(controls="").controls == ()


@pytest.mark.parametrize(
    "cells, decimal_comma, expected",
    [
        (["1,234.5", "$1,234", "(12)", "15%", " 7 "], False, [1234.5, 1234.0, -12.0, 15.0, 7.0]),
        (["1.234,5", "12,25", "€3"], True, [1234.5, 12.25, 3.0]),
        (["1e9", "2.5E+10"], False, [1e9, 2.5e10]),
    ],
    ids=["us-money", "decimal-comma", "scientific"],
)
def test_to_numbers(cells, decimal_comma, expected):
    numbers = to_numbers(pd.Series(cells, dtype="str"), decimal_comma)
    assert numbers.bad is None
    np.testing.assert_allclose(numbers.values, expected)


def test_to_numbers_rejects_misgrouped_commas():
    numbers = to_numbers(pd.Series(["1,2,3", "4"], dtype="str"), False)
    assert numbers.bad == 0


@pytest.mark.parametrize(
    "cells, dayfirst, first",
    [
        (["2021-01-04", "2021-01-11"], None, "2021-01-04"),
        (["2021/01/04", "2021/01/11"], None, "2021-01-04"),
        (["04/01/2021", "18/01/2021"], None, "2021-01-04"),
        (["01/04/2021", "01/18/2021"], None, "2021-01-04"),
        (["04.01.21", "11.01.21"], True, "2021-01-04"),
        (["Jan 4, 2021", "Jan 11, 2021"], None, "2021-01-04"),
        (["20210104", "20210111"], None, "2021-01-04"),
    ],
    ids=["iso", "iso-slashes", "day-first", "month-first", "dayfirst-option", "text-month", "compact"],
)
def test_parse_dates(cells, dayfirst, first):
    dates = parse_dates(pd.Series(cells, dtype="str"), dayfirst)
    assert dates.bad is None and not dates.ambiguous
    assert dates.values[0] == pd.Timestamp(first)


def test_parse_dates_flags_ambiguity_without_option():
    assert parse_dates(pd.Series(["01/02/2021", "01/03/2021"], dtype="str"), None).ambiguous


def test_returns_frozen_dataset(tmp_path):
    path = tmp_path / "weekly.csv"
    path.write_text(_Table.weekly().text())
    ds = load_csv(path)
    assert isinstance(ds, Dataset)
    assert ds.target == "sales" and ds.spend_columns[0] == "tv_spend"
    assert not ds.spend.flags.writeable
    assert isinstance(ds.dates, pd.DatetimeIndex)


def test_controls_option_restricts_controls(tmp_path):
    table = _Table.weekly()
    table.add_column("price", [f"{5 + np.sin(i):.2f}" for i in range(len(table.rows))])
    table.add_column("promo", ["1" if i % 5 == 0 else "0" for i in range(len(table.rows))])
    path = tmp_path / "controls.csv"
    path.write_text(table.text())
    assert load_csv(path).control_names == ("price", "promo")
    assert load_csv(path, LoadOptions(controls="promo")).control_names == ("promo",)
    assert load_csv(path, LoadOptions(controls=())).control_names == ()


def test_accepts_string_path_and_refuses_with_path_as_given(tmp_path):
    with pytest.raises(DataError, match=r"^nowhere/x\.csv: file not found"):
        load_csv("nowhere/x.csv")


def test_mangled_files_fail_only_with_one_line_domain_errors(tmp_path):
    """Random cuts and insertions never escape as a traceback: load, or refuse in one line."""
    import random

    from analysis.errors import MMMError

    original = _Table.weekly().text().encode()
    rnd = random.Random(11)
    junk = [b",", b";", b"\n", b'"', b"abc", b"-5", b"\x00", b"\xff", b"1,2", b"NA", b"2021-13-01", b"\t", b"$"]
    path = tmp_path / "mangled.csv"
    for _ in range(150):
        data = bytearray(original)
        for _ in range(rnd.randint(1, 5)):
            pos = rnd.randrange(max(1, len(data)))
            if rnd.random() < 0.5:
                del data[pos:pos + rnd.randint(1, 30)]
            else:
                data[pos:pos] = rnd.choice(junk)
        path.write_bytes(bytes(data))
        try:
            load_csv(path)
        except MMMError as error:
            assert "\n" not in str(error) and str(error).startswith(str(path))
