"""Real exports name platforms: "YouTube Spend", "Facebook Spend", "Google Ads Spend"."""
import pytest

from analysis.naming import display_name
from router import Conversation, route


@pytest.mark.parametrize("column, name", [
    ("YouTube Spend", "YouTube"), ("TikTok_spend", "TikTok"), ("iHeartRadio Spend", "iHeartRadio"),
    ("googleAdsSpend", "Google Ads"), ("tvSpend", "TV"), ("paid_social_spend", "Paid Social"),
])
def test_display_names_keep_how_brands_are_written(column, name):
    assert display_name(column) == name


@pytest.mark.parametrize("channels, question, known, unknown", [
    (("TV", "Social"), "are we overspending on tiktok?", (), ("TikTok",)),          # not what "Social" measures
    (("TV", "Social"), "ROI of instagram", ("Social",), ()),                         # what "Social" is made of
    (("TV", "Paid Search"), "what if we cut bing by 10%?", ("Paid Search",), ()),    # a search engine is search
    (("TV", "Radio"), "podcasts roi?", (), ("podcasts",)),                           # podcasts are not radio
    (("TV", "Podcast"), "podcasts roi?", ("Podcast",), ()),                          # unless the data has them
    (("Google Ads", "Facebook", "YouTube"), "are we overspending on tiktok?", (), ("TikTok",)),
    (("Google Ads", "Facebook", "YouTube"), "ROI of instagram", ("Facebook",), ()),   # same company
    (("Google Ads", "Facebook", "YouTube"), "what if we cut youtube by half?", ("YouTube",), ()),
    (("Google Ads", "Facebook", "YouTube"), "ROI of bing", (), ("Bing",)),
    (("TV", "Paid Social", "Search"), "is youtube working?", (), ("YouTube",)),
], ids=["tiktok-not-social", "instagram-is-social", "bing-is-search", "podcasts-not-radio", "podcasts-in-data",
        "tiktok-not-facebook", "instagram-is-meta", "youtube-itself", "bing-not-google",
        "youtube-absent"])
def test_a_platform_never_stands_for_another_platform(channels, question, known, unknown):
    routed = route(question, Conversation(channels=channels))
    assert routed.channels == known and routed.unknown_channels == unknown
