"""The ROI answer by calendar year ("ROI trend over time", "how has TV's ROI changed?"): each year's attributed
sales per $1 of spend with its 90% interval, the years a question asks for, and the table and headline over them."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant import format as fmt
from assistant.answers.common import r as _r
from assistant.answers.shapes import RoiData, YearRoiData, YearRoiRow
from assistant.reply import ChartRequest, Reply, Table

if TYPE_CHECKING:
    from assistant.session import Session
    from router.types import RoutedQuery


def roi_by_year_data(session: Session, data: RoiData) -> RoiData:
    """`data` with `by_year`: each calendar year's ROI, all media and each channel, with its 90% interval
    (`analysis.roi.roi_by_year`, from the draws behind the whole-period interval)."""
    from analysis.roi import roi_by_year

    def row(y: Any) -> YearRoiRow:
        return {"roi": _r(y.roi), "roi_low": _r(y.roi_low), "roi_high": _r(y.roi_high), "spend": _r(y.spend),
                "contribution": _r(y.contribution), "contribution_low": _r(y.contribution_low),
                "contribution_high": _r(y.contribution_high), "measurable": y.measurable}

    years = [y for y in roi_by_year(session.fit) if y.media.spend > 0]
    return {**data, "by_year": [{"year": y.label, "weeks": y.weeks, "complete": y.complete,
                                 "all_media": row(y.media), "channels": {c.channel: row(c) for c in y.channels}}
                                for y in years]}


def last_years_asked(routed: RoutedQuery) -> int | None:
    """4 for "over the last four years" (the router's period), None when the question names no such count."""
    period = getattr(routed, "period", None)
    if period is None or period.granularity != "year" or period.relative != "last" or len(routed.periods) > 1:
        return None
    return period.count or 1


def asked_years(years: list[YearRoiData], routed: RoutedQuery) -> list[YearRoiData]:
    """The calendar years a by-year question asks for: "over the last four years" keeps the latest four the data
    holds (the latest may be part of a year), "2021 vs 2022 vs 2023" those years, "since 2022" 2022 and later;
    every year otherwise (one named year is shown with the rest)."""
    last = last_years_asked(routed)
    if last:
        return years[-last:]
    since = next((p.year for p in routed.periods if getattr(p, "onwards", False) and p.year is not None), None)
    if since is not None:   # "ROI by year since 2016": that year and every later one the data holds
        kept = [y for y in years if y["year"].isdigit() and int(y["year"]) >= since]
        return kept or years
    named = {p.year for p in routed.periods if p.year is not None and p.granularity == "year"}
    kept = [y for y in years if y["year"].isdigit() and int(y["year"]) in named]
    return kept if len(named) > 1 and kept else years


YEAR_TABLE_CHANNELS = 5   # measurable channels in the by-year table beside all media; the rest are named under it


def roi_by_year_reply(session: Session, data: RoiData, channels: tuple[str, ...]) -> Reply:
    """ "ROI trend over time", "how has TV's ROI changed?": each calendar year's attributed sales per $1 of spend, all
    media and each channel, each with its 90% interval. The model has one curve per channel for every week, so a
    year's figure moves only with how much was spent and when (saturation, carry-over), never with a channel working
    better or worse. A year whose interval reaches zero is "not measurable" that year and never quoted by its point."""
    ds = session.dataset
    years = data.get("by_year") or []
    shown = [c for c in (channels or tuple(data["channels"])) if c in data["channels"]]

    def year_name(y: Any) -> str:
        return y["year"] if y["complete"] or y["weeks"] >= 52 else f"{y['year']} (part, {y['weeks']} weeks)"

    # a channel not measurable over the whole period is not measurable in any year: named once under the table
    unmeasured = [c for c in shown if not data["channels"][c]["measurable"]]
    listed = [c for c in shown if c not in unmeasured] if len(shown) > 1 else shown
    # ten channels over five years were 55 rows: the top of the ROI ranking is tabled, the rest named (one asked
    # for is always tabled)
    listed, untabled = (listed, []) if channels else (listed[:YEAR_TABLE_CHANNELS], listed[YEAR_TABLE_CHANNELS:])
    rows = tuple((year_name(y), c, *_year_cells(y["channels"][c] if c in y["channels"] else y["all_media"], ds))
                 for y in years for c in ("All media", *listed))
    notes = ([f"Also measurable, by year in the JSON data: {fmt.join_names(untabled)}."] if untabled else []) + (
        [f"Not measurable over the whole period, so in no year either: {fmt.join_names(unmeasured)} "
         "(their yearly intervals are in the JSON data)."] if len(shown) > 1 and unmeasured else [])
    note = " ".join(notes) or None
    subject = shown[0] if len(shown) == 1 and channels else None
    series = [(year_name(y), y["channels"][subject] if subject else y["all_media"]) for y in years]
    what = f"{subject}'s ROI" if subject else "All media's ROI"
    if subject and not data["channels"][subject]["measurable"]:
        headline = f"{subject}'s ROI is not measurable in this data, so neither is how it changed from year to year."
    else:
        headline = (f"{what} by year, {fmt.per_dollar_unit(ds)} (90% interval): "
                    + ", ".join(f"{_year_phrase(v, ds)} in {name}" for name, v in series) + ".")
    low, high, point = data.get("blended_roi_low"), data.get("blended_roi_high"), data["blended_roi"]
    if subject:
        whole = data["channels"][subject]
        low, high, point = whole["roi_low"], whole["roi_high"], whole["roi"]
    facts = [f"The model fits one response curve per channel for all {ds.n_weeks} weeks, so these figures move only "
             "with how much was spent and when (saturation, carry-over); a channel working better or worse over "
             "time cannot show in them."]
    if low is not None and high is not None and point is not None:
        facts.append(f"Over the whole period {subject or 'all media'} returns {fmt.per_dollar(point, ds)} (90% interval "
                     f"{fmt.per_dollar_range(low, high, ds)}); each year's interval comes from the same model draws, "
                     "with each plausible curve's own split of the effect across the years.")
    gaps = [f"{c} in {fmt.join_names([year_name(y) for y in years if not y['channels'][c]['measurable']])}"
            for c in shown if data["channels"][c]["measurable"]
            and any(not y["channels"][c]["measurable"] and y["channels"][c]["roi"] is not None for y in years)]
    if gaps:
        facts.append(f"Not measurable in some years (the interval reaches zero): {'; '.join(gaps)}.")
    facts.append("To see whether returns really changed, refit on the later weeks alone (e.g. load only the last two "
                 "years) and compare.")
    return Reply("roi_analysis", headline, tuple(facts), None,
                 Table("Attributed sales per $1 of spend by calendar year",
                       ("Year", "Channel", "ROI", "90% interval"), rows, note), data=data,
                 charts=(ChartRequest("roi_by_year", {**data, "shown": [subject] if subject else []}),))


def _year_cells(v: YearRoiRow, ds: Any) -> tuple[str, str]:
    """The table's ROI and interval cells for one year: a year whose interval reaches zero shows no point."""
    if v["roi"] is None:
        return "no spend", "—"
    return (fmt.per_dollar(v["roi"], ds) if v["measurable"] else "not measurable",
            fmt.per_dollar_range(v["roi_low"], v["roi_high"], ds))


def _year_phrase(v: YearRoiRow, ds: Any) -> str:
    """ "$1.62 ($1.45–$1.78)" or "not measurable ($0–$2.10)": a year whose interval reaches zero is never a point."""
    if v["roi"] is None:
        return "no spend"
    span = fmt.per_dollar_range(v["roi_low"], v["roi_high"], ds)
    return f"{fmt.per_dollar(v['roi'], ds)} ({span})" if v["measurable"] else f"not measurable ({span})"
