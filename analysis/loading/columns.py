"""Which CSV column plays which part (date, sales, spend, geography, calendar, exposure), by its name."""
from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from analysis.loading.values import is_excel_serial, is_text_column, looks_like_dates
from analysis.naming import normalize

_DATE_NAMES = ("date", "ds", "week", "wk_strt_dt", "date_week", "week_start", "week_starting", "week_start_date",
               "week_ending", "week_end", "week_date", "period", "day", "dt", "time", "timestamp", "month")
TARGET_NAMES = ("sales", "total_sales", "revenue", "total_revenue", "net_sales", "gross_sales", "sales_revenue",
                "y", "kpi", "conversions", "units", "units_sold", "orders", "target", "dep_var", "response",
                "sales_usd", "revenue_usd", "turnover", "volume",
                # counts a KPI file is built on (after the money outcomes): cases sold, app sign-ups, leads, …
                "cases", "cases_sold", "signups", "sign_ups", "app_signups", "leads", "installs", "app_installs",
                "registrations", "bookings")
_SPEND = re.compile(
    r"^(?:(?P<a>.+)_(?:spend|spends|spending|cost|costs|investment|expenditure)(?:_(?:usd|eur|gbp|dollars|k|000s|total))?"
    r"|(?:spend|spends|spending|cost|costs)_(?:on_)?(?P<b>.+)"
    r"|mdsp_(?P<c>.+)"
    r"|(?P<d>.+)_s)$")
_EXPOSURE = re.compile(r"^mdip_|_i$|(^|_)(impressions?|imps?|impr|clicks?|grps?|trps?|reach|views|exposures?|"
                       r"insertions?|circulation|spots)(_|$)")
_GEO_NAMES = frozenset({"geo", "geography", "region", "market", "dma", "country", "store", "state", "city",
                        "territory", "location", "area", "zone", "geo_id", "region_name", "market_name", "dma_name",
                        "dma_code", "country_code", "store_id", "store_name", "province"})
_CALENDAR = frozenset({
    "year", "yr", "yr_nbr", "year_nbr", "quarter", "qtr", "qtr_nbr", "quarter_nbr", "month", "mon", "mnth",
    "month_nbr", "month_num", "month_number", "prd", "period", "week", "wk", "week_nbr", "wk_nbr", "week_num",
    "weeknum", "week_number", "week_of_year", "weekofyear", "wk_in_yr_nbr", "woy", "doy", "dayofyear",
    "day_of_year", "dayofweek", "day_of_week", "dow", "day", "t", "trend", "time", "time_idx", "time_index",
    "index", "idx", "row", "row_id", "row_number", "id", "obs", "week_index", "unnamed_0",
})


def find_column(frame: pd.DataFrame, name: str) -> str | None:
    """The column called `name`: exact, then ignoring case, spaces and underscores."""
    if name in frame.columns:
        return name
    wanted = normalize(name)
    for column in frame.columns:
        if normalize(column) == wanted:
            return column
    return None


def find_date_column(frame: pd.DataFrame) -> str | None:
    """A column named like a date whose values read as dates, else the first column that reads as dates."""
    named: list[tuple[int, str]] = []
    for column in frame.columns:
        key = normalize(column)
        if key in _DATE_NAMES:
            named.append((_DATE_NAMES.index(key), column))
        elif "date" in key or ("week" in key and key not in _CALENDAR and not key.startswith("seas")) or key.endswith("_dt"):
            named.append((len(_DATE_NAMES), column))
    for _, column in sorted(named, key=lambda item: item[0]):
        series = frame[column]
        if is_text_column(series) or looks_like_dates(series) or is_excel_serial(series):
            return column
    for column in frame.columns:
        if looks_like_dates(frame[column]):
            return column
    return None


# a currency or thousands suffix on an outcome's name: a brand's export says "net_sales_usd" or "revenue_eur"
_MONEY_SUFFIX = re.compile(r"_(usd|eur|gbp|dollars|k|000s)$")


# words that only say which sales a column holds: "Net Revenue", "online_sales", "total_ecom_revenue"
_OUTCOME_WORDS = ("sales", "revenue", "turnover")
_OUTCOME_QUALIFIERS = frozenset({"net", "gross", "total", "online", "ecom", "ecommerce", "web", "store", "retail",
                                 "weekly", "actual", "product"})


def _target_key(column: str) -> str:
    key = normalize(column)
    if key in TARGET_NAMES:
        return key
    bare = _MONEY_SUFFIX.sub("", key)
    if bare in TARGET_NAMES:
        return bare
    words = bare.split("_")
    outcome = [word for word in words if word in _OUTCOME_WORDS]
    if len(outcome) == 1 and all(word in _OUTCOME_QUALIFIERS for word in words if word != outcome[0]):
        return outcome[0]   # a money outcome outranks a count one (orders, units) found beside it
    return key


def is_target_name(column: str) -> bool:
    """Named like an outcome (sales, revenue, conversions, …): a sales target, never a control by default."""
    return _target_key(column) in TARGET_NAMES


def find_targets(frame: pd.DataFrame, exclude: set[str]) -> list[str]:
    """Columns named like the sales target, best first: the money outcomes named exactly ("sales", "total_revenue"),
    then the qualified ones ("Net Revenue", "online_sales"; a total first: "online_sales" is a part of "total_sales"),
    then the other outcomes (counts such as orders or units, "kpi", "y")."""
    keys = {column: _target_key(column) for column in frame.columns if column not in exclude}
    exact = {column for column in keys if _MONEY_SUFFIX.sub("", normalize(column)) in TARGET_NAMES}
    money = TARGET_NAMES[:TARGET_NAMES.index("y")] + ("sales_usd", "revenue_usd", "turnover")
    first = [c for name in money for c, key in keys.items() if key == name and c in exact]
    qualified = [c for name in money for c, key in keys.items() if key == name and c not in exact]
    qualified.sort(key=lambda c: "total" not in normalize(c).split("_"))   # stable: a total, then the order above
    rest = [c for name in TARGET_NAMES if name not in money for c, key in keys.items() if key == name]
    return first + qualified + rest


_NOT_SPEND = re.compile(r"(^|_)(per|cpc|cpm|cpa|cpv|rate|ratio|share|pct|percent|index|sales|revenue)(_|$)")


_COMPETITOR = re.compile(r"(^|_)(competitors?|competition|comp|rivals?)(_|$)|^(market|category|industry|total_market)"
                         r"_(spend|spending|media|investment|sov|share_of_voice)(_|$)")


def is_spend_name(column: str) -> bool:
    """Named like our media spend: tv_spend, "TV Spend", spend_tv, tv_cost, tv_S, mdsp_tv
    (not cost_per_click, and not a competitor's or the market's spend, which is a control)."""
    key = normalize(column)
    return bool(_SPEND.match(key)) and not _NOT_SPEND.search(key) and not is_competitor_name(column)


def is_competitor_name(column: str) -> bool:
    """Named like a competitor's or the whole market's activity (competitor_tv_spend, comp_spend,
    search_competitor, market_spend): it moves our sales but is not ours to plan, so it is a control."""
    return bool(_COMPETITOR.search(normalize(column)))


def control_kind(column: str) -> str:
    """What a control column stands for, by its name, for the column-role listing."""
    key = normalize(column)
    if is_competitor_name(column):
        return "competitor/market activity"
    for kind, words in _CONTROL_KINDS:
        if any(re.search(rf"(^|_){w}", key) for w in words):
            return kind
    return "other control"


_CONTROL_KINDS = (
    ("price", ("price", "prc", "asp", "gas", "cpi", "inflation")),
    ("promotion/discount", ("promo", "discount", "markdown", "mrkdn", "coupon", "deal", "offer", "sale_event", "va_pub")),
    ("distribution", ("distribution", "acv", "store", "st_ct", "outlets", "doors", "stock")),
    ("weather", ("weather", "temp", "rain", "precip", "snow", "sun")),
    ("holiday/event", ("hldy", "hol(_|$)", "holiday", "xmas", "christmas", "easter", "black_friday", "cyber_monday",
                       "thanksgiving", "labor_day", "memorial_day", "new_year", "july_4", "independence_day",
                       "super_bowl", "prime_day", "mothers_day", "valentine", "halloween", "event", "ramadan")),
    ("season", ("seas", "season", "woy", "week_of_year", "wk_of_yr", "weekofyear")),
    ("economy", ("me_", "ics", "sentiment", "unemploy", "gdp", "macro", "consumer")),
)


def is_exposure_name(column: str) -> bool:
    """Named like a media exposure metric (impressions, clicks, GRPs), which moves with spend."""
    return bool(_EXPOSURE.search(normalize(column)))


def is_calendar_name(column: str) -> bool:
    """Calendar bookkeeping (year, week number, day of year, trend index) that the model replaces."""
    return normalize(column) in _CALENDAR


def find_geo_column(frame: pd.DataFrame, exclude: set[str]) -> str | None:
    """The first column named like a geography (geo, region, market, dma, country, store...)."""
    for column in frame.columns:
        if column not in exclude and normalize(column) in _GEO_NAMES:
            return column
    return None


def column_roles(columns: Iterable[str], date: str, target: str, spend: list[str], controls: list[str],
                 geo: str | None = None, other: dict[str, str] | None = None) -> tuple[tuple[str, str], ...]:
    """(column, role) for every input column, in file order, so a user can see what the model did with each.
    `other` names the roles of columns used another way (a value per unit, a population): Meridian's file listed
    `revenue_per_conversion` as "left out: text, empty or constant" beside "answers are in money: revenue = …"."""
    kept = set(controls)
    roles = []
    for column in columns:
        if other and column in other:
            role = other[column]
        elif column == date:
            role = "date"
        elif column == target:
            role = "sales (target)"
        elif column == geo:
            role = "geography"
        elif column in spend:
            role = "media spend"
        elif column in kept or any(name.startswith(f"{column}_") for name in kept):
            role = f"control: {control_kind(column)}"
        elif is_exposure_name(column):
            role = "left out: exposure (pass --controls to use)"
        elif is_calendar_name(column):
            role = "left out: calendar (model has its own)"
        elif is_target_name(column):
            role = "left out: another outcome (pass --controls to use)"
        else:
            role = "left out: text, empty or constant"
        roles.append((str(column), role))
    return tuple(roles)
