"""A refused file's message hands over the fix when it can: the exact flag to run with."""
import pytest

from analysis.errors import DataError
from analysis.loading import LoadOptions, load_csv
from data.sample_data import sample_frame


def test_plain_channel_columns_get_the_spend_flag_suggested(tmp_path):
    frame = sample_frame().rename(columns=lambda c: c.removesuffix("_spend"))
    path = tmp_path / "plain.csv"
    frame.to_csv(path, index=False)
    with pytest.raises(DataError) as refused:
        load_csv(path)
    message = str(refused.value)
    assert "\n" not in message and "--spend tv,radio,digital,print,social" in message
    dataset = load_csv(path, LoadOptions(spend=("tv", "radio", "digital", "print", "social")))
    assert dataset.channels == ("TV", "Radio", "Digital", "Print", "Social")
