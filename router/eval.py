"""`python -m router.eval`: intent and entity accuracy of the rules on the evaluation sets, with a confusion table.

Case format (one JSON object per line of tests/data/router_*.jsonl):
  q       the question                         i      expected intent
  ch      expected channels (default [])       pct    expected percentage (default null)
  unk     expected unknown_channels ([]; case and a plural s aside)   chg    expected changes {channel: %}
  amt     expected amount                      shift  [from, to, pct, amount(, [further receivers])]
  amts    expected amounts {channel: signed dollars} (each channel carrying its own money)
  amts_per  each amount's own rate {channel: week|month|year} (a channel left out: none, a total)
  per     the rate of a single amount (`amount_per`: week|month|year; null for a total)
  period  [granularity, index, year, relative(, count)]
  cons    [[channel, kind, amount, pct], ...]  goal   [kind, value, channel]
  margin  expected margin                      src    expected source
  conv    consecutive cases with the same id share one Conversation
  focus   focus_channel remembered after this turn
  controls  the data's control columns (default none)   ctl  the control columns the reading names (`controls`)
  ranked  the channels this turn's answer ranked, by kind ({"roi": [best first], "saturated": [...]}), remembered
  data    the data's channel names (default: the seed's five)
  budget  {kind: total|increment|rate|ratio, amount: dollars (the multiplier for ratio), per: week|month|year|null}
  window  {weeks: n} or {period: "Q4" | "December" | "Q4 2023"}   the weeks a what-if changes
          or {from: "next month" | "July" | ...}: a change from then on (`_from_ok`)
  scenarios [{chg: {...}} | {shift: [from, to, pct, amount]} | {amt: {channel: dollars}}, ...]  the sides of a comparison
  horizon "all" or weeks; on the seed data a label of 52 is met by the default horizon (None), which is 52 there
  voice, note: ignored (who asked, why)
  markets  the data's market names (a panel; default none)    geos  expected markets read (default [])
  ungeo    expected markets named that the data lacks (always checked; default [])
  geo_shift [from_market, to_market, pct, amount]  money moved between markets
  budgets  [{kind, amount, per}, ...]  the plans compared    cue  expected answer focus ("why", "roi_over_time", ...)
  onwards  true when a year is read as "from that year on" ("since 2016")
  window  null: the reading must change no window ("from next month onwards" is open-ended, not 4 weeks)
  aside   the number of further asks in the message the answer leaves for later (`RoutedQuery.set_aside`)
  period  also ["relative", "last", "year"] or ["year", 2024] (the blind writers' form)
Two readings that lead to the same answer count as the same (each is documented where it is judged):
  - a label of 52 weeks is met by the default horizon on the seed data (`_default_horizon`);
  - a what-if window of N weeks is met by a horizon of N weeks and no window, which changes the same last N weeks
    (`_horizon_as_window`);
  - a yearly rate ("$2.4M annual budget") and a total of the same amount with the default one-year horizon plan
    the same money over the same 52 weeks on the seed data (`_year_as_total`);
  - a reading that names only channels the data lacks gets the not-in-this-data reply whatever its intent or
    sizes (`unknown_channel_answer`), so "unknown" and a channel intent are one reading there; an unknown channel
    is judged by its family ("billboards" = "OOH", "affiliate marketing" = "Affiliate"), not by its spelling.
  - an unknown reply uses no channel, and a plan naming every channel of the data is the plan over the whole mix,
    so neither is judged on channels when the label gives none (`_channels_unused`).
Money is checked in dollars, as the question states it: converting to the data's units
(the sample is in $000s) is the assistant's job and is tested there.
Channels, percentage and unknown channels are always checked; the rest only when given.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from router import Conversation, Intent, RoutedQuery, route
from router.channels import family_key
from router.context import DEFAULT_CHANNELS
from router.types import Alternative, Shift, Window

DATA_DIR = Path(__file__).resolve().parent.parent / "tests" / "data"
MAIN_SET = DATA_DIR / "router_eval.jsonl"
HELDOUT_SET = DATA_DIR / "router_heldout.jsonl"
# Written after the held-out set's misses were fixed (which made that set no longer unseen);
# never tuned on: its figure is the honest one for questions the rules have not seen.
FRESH_SET = DATA_DIR / "router_heldout2.jsonl"
# Written by helpers that never read router/ (issue 12); the first-run figures are in the note.
BLIND_SETS = (DATA_DIR / "router_blind1.jsonl", DATA_DIR / "router_blind2.jsonl",
              DATA_DIR / "router_blind3.jsonl", DATA_DIR / "router_blind4.jsonl",
              DATA_DIR / "router_blind5.jsonl", DATA_DIR / "router_blind6.jsonl",
              DATA_DIR / "router_blind7.jsonl", DATA_DIR / "router_blind8.jsonl",
              DATA_DIR / "router_blind9.jsonl", DATA_DIR / "router_blind10.jsonl",
              DATA_DIR / "router_blind11.jsonl", DATA_DIR / "router_blind12.jsonl",
              DATA_DIR / "router_blind13.jsonl", DATA_DIR / "router_blind14.jsonl",
              DATA_DIR / "router_blind15.jsonl", DATA_DIR / "router_blind16.jsonl",
              DATA_DIR / "router_blind17.jsonl", DATA_DIR / "router_blind18.jsonl",
              DATA_DIR / "router_blind19.jsonl", DATA_DIR / "router_blind20.jsonl")
# Variations of the classes blind set 2 missed, written by the router's helper before changing a rule
# (first run in router_heldout3_first_run.txt); tuned on since, so a floor, not an unseen figure.
HELDOUT3_SET = DATA_DIR / "router_heldout3.jsonl"
# Written late in the same session as a fresh check (first run in router_heldout4_first_run.txt); tuned on since.
HELDOUT4_SET = DATA_DIR / "router_heldout4.jsonl"
HELDOUT5_SET = DATA_DIR / "router_heldout5.jsonl"   # a second fresh check, after set 4's fixes (same handling)
HELDOUT6_SET = DATA_DIR / "router_heldout6.jsonl"   # a third, after set 5's fixes (same handling)
HELDOUT7_SET = DATA_DIR / "router_heldout7.jsonl"   # a fourth, heavy on entities, after set 6's fixes
HELDOUT8_SET = DATA_DIR / "router_heldout8.jsonl"   # a fifth, after set 7's fixes
HELDOUT9_SET = DATA_DIR / "router_heldout9.jsonl"   # a sixth, after set 8's fixes
HELDOUT10_SET = DATA_DIR / "router_heldout10.jsonl"  # idioms, after set 9's fixes
HELDOUT11_SET = DATA_DIR / "router_heldout11.jsonl"  # the last, near the end of the session
HELDOUT12_SET = DATA_DIR / "router_heldout12.jsonl"  # five voices, after the fourth session's late fixes
# Fifth session: probe sets written by the router's helper in five voices (rates, windows, comparisons, follow-ups,
# out-of-scope, bad input); first runs in router_probeN_first_run.txt, tuned on since: floors, not unseen figures.
PROBE_SETS = (DATA_DIR / "router_probe5.jsonl", DATA_DIR / "router_probe6.jsonl", DATA_DIR / "router_probe7.jsonl",
              DATA_DIR / "router_probe8.jsonl", DATA_DIR / "router_probe9.jsonl", DATA_DIR / "router_probe10.jsonl",
              DATA_DIR / "router_probe11.jsonl", DATA_DIR / "router_probe12.jsonl",
              DATA_DIR / "router_probe13.jsonl", DATA_DIR / "router_probe14.jsonl",
              DATA_DIR / "router_probe15.jsonl", DATA_DIR / "router_probe16.jsonl",
              DATA_DIR / "router_probe17.jsonl", DATA_DIR / "router_probe18.jsonl",
              DATA_DIR / "router_probe19.jsonl", DATA_DIR / "router_probe20.jsonl",
              DATA_DIR / "router_probe21.jsonl", DATA_DIR / "router_probe22.jsonl",
              # ninth session: budget-plan questions (first run on 857b6e4: 97.1% / 91.2%)
              DATA_DIR / "router_probe23.jsonl",
              # eleventh session: the tenth's named gaps in five voices (first run on c393325: 78.3% / 54.2%,
              # router_probe_s11_first_run.txt)
              DATA_DIR / "router_probe_s11.jsonl",
              # thirteenth session: the twelfth's named gaps in five voices (first run on 673547f: 83.1% / 29.2%,
              # router_probe_s13_first_run.txt)
              DATA_DIR / "router_probe_s13.jsonl",
              # fourteenth session: the thirteenth's named gaps and new families in five voices (first run on 388bd74:
              # 85.2% / 62.3%, router_probe_s14_first_run.txt)
              DATA_DIR / "router_probe_s14.jsonl",
              # fifteenth session: the fourteenth's named gaps and new families in five voices (first run on 3e4e408:
              # 92.2% / 53.1%, router_probe_s15_first_run.txt)
              DATA_DIR / "router_probe_s15.jsonl",
              # sixteenth session: the fifteenth's named gaps and new families in five voices (first run on a2be46b:
              # 94.1% / 71.8%, router_probe_s16_first_run.txt)
              DATA_DIR / "router_probe_s16.jsonl",
              # seventeenth session: the sixteenth's named gaps in five voices (first run on 4cace92: 80.5% / 53.7%,
              # router_probe_s17_first_run.txt)
              DATA_DIR / "router_probe_s17.jsonl")
TOL = 0.05


@dataclass(frozen=True)
class Outcome:
    """One case's verdict: intent right, entities right, and what differed."""

    case: dict[str, Any]
    got: RoutedQuery
    intent_ok: bool
    entity_ok: bool
    has_entities: bool
    problems: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    """Accuracy figures of one evaluation set."""

    name: str
    outcomes: tuple[Outcome, ...]

    @property
    def intent_accuracy(self) -> float:
        return sum(o.intent_ok for o in self.outcomes) / max(1, len(self.outcomes))

    @property
    def entity_accuracy(self) -> float:
        """Share of cases whose expected entities (at least channels, percentage, unknown channels) all match."""
        return sum(o.entity_ok for o in self.outcomes) / max(1, len(self.outcomes))

    @property
    def entity_accuracy_nontrivial(self) -> float:
        """The same, over cases that expect at least one non-empty entity."""
        rel = [o for o in self.outcomes if o.has_entities]
        return sum(o.entity_ok for o in rel) / max(1, len(rel))

    @property
    def n_nontrivial(self) -> int:
        return sum(o.has_entities for o in self.outcomes)


def load(path: Path) -> list[dict[str, Any]]:
    """Cases of one JSONL file, skipping blank lines and // comments."""
    out: list[dict[str, Any]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("//"):
            out.append(json.loads(line))
    return out


def _close(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= max(TOL, 1e-6 * abs(float(b)))


def _period_want(spec: list[Any]) -> list[Any]:
    """[granularity, index, year, relative, count] from either label form."""
    if spec and spec[0] == "relative":
        return [spec[2], None, None, spec[1], spec[3] if len(spec) > 3 else None]
    if spec and spec[0] == "year" and len(spec) == 2:
        return ["year", None, spec[1], None, None]
    return (list(spec) + [None] * 5)[:5]


def _shift_ok(s: Shift | None, want: list[Any]) -> bool:
    """[from, to, pct, amount] and, when a fifth element is given, the further receivers (`Shift.also_to`)."""
    got = None if s is None else [s.from_channel, s.to_channel, s.percentage, s.amount]
    if got is None or got[:2] != want[:2] or not _close(got[2], want[2]) or not _close(got[3], want[3]):
        return False
    return len(want) < 5 or (s is not None and list(s.also_to) == want[4])


def _changes_ok(got: dict[str, float], want: dict[str, Any]) -> bool:
    return set(got) == set(want) and all(_close(got[k], want[k]) for k in want)


def _from_ok(q: RoutedQuery) -> bool:
    """ "cut Print from next month", "shift $250k from August": the change runs from then on, so it is met by a
    reading that does not end it early: no window (the horizon's weeks, which run to the data's end) or a period
    read from then on (`Period.onwards`). A window of a few weeks, a single month or a short horizon ends it."""
    w = q.window
    if isinstance(q.horizon, int) and q.horizon < DEFAULT_HORIZON:
        return False
    if w is None:
        return True
    return w.weeks is None and w.period is not None and w.period.onwards


def _same_limits(got: list[list[Any]], want: list[list[Any]]) -> bool:
    """The plan's limits in any order: a plan bounded by a band and a fixed channel is one plan whichever the
    question named first (each label limit matched to one read limit)."""
    left = list(got)
    for w in want:
        hit = next((g for g in left if g[:2] == w[:2] and _close(g[2], w[2]) and _close(g[3], w[3])), None)
        if hit is None:
            return False
        left.remove(hit)
    return not left


def _window_ok(w: Window | None, want: dict[str, Any] | None) -> bool:
    if want is None:   # an open-ended start ("from next month onwards") changes every week of the horizon
        return w is None
    if w is None:
        return False
    if "weeks" in want:   # "xmas week": a number of weeks, placed around Christmas by its period
        return bool(w.weeks == want["weeks"])
    return w.period is not None and w.period.label.lower() == str(want["period"]).lower()


def _scenarios_ok(alts: tuple[Alternative, ...], want: list[dict[str, Any]]) -> bool:
    if len(alts) != len(want):
        return False
    for a, w in zip(alts, want):
        if "shift" in w and not _shift_ok(a.shift, w["shift"]):
            return False
        if "chg" in w and (a.shift is not None or not _changes_ok(dict(a.changes), w["chg"])):
            return False
        if "amt" in w and (a.shift is not None or not _changes_ok(dict(a.amounts), w["amt"])):
            return False
    return True


# A decision's default horizon is the last 52 weeks, capped at the data (assistant/horizon.py). The cases run on
# the seed's 208 weeks unless they name other channels (`data`), so there a reading that leaves the horizon at
# the default answers for the 52 weeks a label of 52 asks for; on any other data the label must be read.
DEFAULT_HORIZON = 52


def _default_horizon(case: dict[str, Any], q: RoutedQuery) -> bool:
    """A label of 52 weeks is met by the default horizon, but only on the seed data, where the default is 52."""
    return q.horizon is None and case["horizon"] == DEFAULT_HORIZON and "data" not in case




def _horizon_as_window(case: dict[str, Any], q: RoutedQuery) -> bool:
    """ "What if TV were 50% higher for the next quarter?" read as a 13-week horizon with no window: a what-if with
    no window changes the horizon's last weeks (assistant.answers.budget.decision_weeks), the same weeks a window of
    {weeks: 13} changes, so both readings give the same answer. A label of 52 weeks ("next year") is met by the
    default horizon, as `_default_horizon` meets a plan's."""
    want = case["window"]
    if want is None or q.intent is not Intent.SCENARIO or q.window is not None or set(want) != {"weeks"}:
        return False
    if q.horizon is None:   # "next year": the default horizon is the last 52 weeks on the seed data
        return bool(want["weeks"] == DEFAULT_HORIZON and "data" not in case)
    return isinstance(q.horizon, int) and want["weeks"] == q.horizon


def _year_as_total(case: dict[str, Any], q: RoutedQuery, want: dict[str, Any]) -> bool:
    """ "a $2.4M annual budget" read as a total of $2.4M (or a total labelled, a yearly rate read): on the seed data
    a total is spent over the default horizon of 52 weeks, so both plan the same money over the same year.
    On other data, or with a horizon other than a year, they differ and the label must be read."""
    b = q.budget
    if b is None or "data" in case or q.horizon not in (None, DEFAULT_HORIZON):
        return False
    kinds = {(b.kind, b.per), (want["kind"], want.get("per"))}
    return kinds == {("total", None), ("rate", "year")} and _close(b.amount, want["amount"])


def _spelling(name: str) -> str:
    """A channel the data lacks is judged by the channel, not its spelling or the word chosen for it:
    "podcasts" = "Podcast", "TikTok" = "tiktok", "billboards" = "OOH", "affiliate marketing" = "Affiliate"."""
    return family_key(name)


def unknown_channel_answer(q: RoutedQuery) -> bool:
    """A reading the assistant answers with the not-in-this-data reply alone (assistant/answers/registry.py): it
    names channels the data lacks and none it has, and is no comparison or limit. That reply reads only the
    unknown channels, so its intent and sizes are not part of the answer."""
    return bool(q.unknown_channels) and not q.channels and q.limit is None and len(q.scenarios) < 2


def _channels_unused(case: dict[str, Any], q: RoutedQuery) -> bool:
    """Two channel readings that give the same answer: the not-understood reply uses no channel, so a case labelled
    unknown with no channels is met whatever channels were picked up ("write headlines for our TV campaign"); and a
    plan naming every channel of the data ("divide it among TV, radio, digital, print and social") is the plan over
    the whole mix, labelled with no channels."""
    if "ch" in case:
        return False
    if case["i"] == Intent.UNKNOWN.value and q.intent is Intent.UNKNOWN:
        return True
    data = tuple(case.get("data", DEFAULT_CHANNELS))
    return case["i"] == Intent.OPTIMIZATION.value and q.intent is Intent.OPTIMIZATION and sorted(q.channels) == sorted(data)


def _entity_checks(case: dict[str, Any], q: RoutedQuery, problems: list[str]) -> None:
    """The keys issue 12 added: budget basis, window, comparisons, horizon."""
    if "budget" in case:
        b, want = q.budget, case["budget"]
        got = None if b is None else [b.kind, b.amount, b.per]
        if got is None or not (got[0] == want["kind"] and _close(got[1], want["amount"]) and got[2] == want.get("per")
                               or _year_as_total(case, q, want)):
            problems.append(f"budget {got} != {[want['kind'], want['amount'], want.get('per')]}")
    if isinstance(case.get("window"), dict) and "from" in case["window"]:
        if not _from_ok(q):
            problems.append(f"window: expected a change from {case['window']['from']} on, got "
                            f"{q.window.label if q.window else None} (horizon {q.horizon})")
    elif "window" in case and not _window_ok(q.window, case["window"]) and not _horizon_as_window(case, q):
        problems.append(f"window {None if q.window is None else q.window.label} != {case['window']}")
    if "scenarios" in case and not _scenarios_ok(q.scenarios, case["scenarios"]):
        got_alts = [[dict(a.changes), a.shift and [a.shift.from_channel, a.shift.to_channel, a.shift.percentage,
                                                   a.shift.amount]] for a in q.scenarios]
        problems.append(f"scenarios {got_alts} != {case['scenarios']}")
    if "horizon" in case and q.horizon != case["horizon"] and not _default_horizon(case, q):
        problems.append(f"horizon {q.horizon} != {case['horizon']}")
    _market_checks(case, q, problems)
    if "budgets" in case:
        got_b = [[b.kind, b.amount, b.per] for b in q.budgets]
        want_b = [[b["kind"], b["amount"], b.get("per")] for b in case["budgets"]]
        if len(got_b) != len(want_b) or not all(g[0] == w[0] and _close(g[1], w[1]) and g[2] == w[2]
                                                for g, w in zip(got_b, want_b)):
            problems.append(f"budgets {got_b} != {want_b}")
    if "cue" in case and q.focus != case["cue"]:
        problems.append(f"focus {q.focus} != {case['cue']}")
    if "aside" in case and len(q.set_aside) != case["aside"]:
        problems.append(f"set aside {list(q.set_aside)} != {case['aside']} ask(s)")
    if "ctl" in case and list(q.controls) != case["ctl"]:
        problems.append(f"controls {list(q.controls)} != {case['ctl']}")
    if "onwards" in case and (q.period is None or q.period.onwards != case["onwards"]):
        problems.append(f"onwards {None if q.period is None else q.period.onwards} != {case['onwards']}")


def _market_checks(case: dict[str, Any], q: RoutedQuery, problems: list[str]) -> None:
    """Markets read, markets named that the data lacks (checked on every case: a false alarm is a miss too), and
    money moved between markets."""
    if "geos" in case and list(q.geos) != case["geos"]:
        problems.append(f"geos {list(q.geos)} != {case['geos']}")
    # the not-in-this-data reply reads only the unknown channels ("how did OOH do in London?"): a market beside them
    # is not part of that answer
    quiet = "ungeo" not in case and unknown_channel_answer(q)
    if not quiet and [u.lower() for u in q.unknown_geos] != [u.lower() for u in case.get("ungeo", [])]:
        problems.append(f"unknown markets {list(q.unknown_geos)} != {case.get('ungeo', [])}")
    if "geo_shift" in case:
        s, want = q.geo_shift, case["geo_shift"]
        got = None if s is None else [s.from_market, s.to_market, s.percentage, s.amount]
        if got is None or got[:2] != want[:2] or not _close(got[2], want[2]) or not _close(got[3], want[3]):
            problems.append(f"market shift {got} != {want}")


def _amount_rates(q: RoutedQuery) -> dict[str, str | None]:
    """Each amount's rate: its own where the question gave one per amount, else the reading's one `amount_per`."""
    own = dict(q.amounts_per)
    return {c: own.get(c, q.amount_per) if own else q.amount_per for c, _ in q.amounts}


def check(case: dict[str, Any], q: RoutedQuery) -> tuple[bool, list[str], bool]:
    """(entities ok, problems, case has non-empty entity expectations)."""
    problems: list[str] = []
    # A comparison's channels are the union of its sides: their order is not part of the reading.
    same_channels = (sorted(q.channels) == sorted(case.get("ch", [])) if "scenarios" in case
                     else list(q.channels) == case.get("ch", [])) or _channels_unused(case, q)
    if not same_channels:
        problems.append(f"channels {list(q.channels)} != {case.get('ch', [])}")
    # `percentage` restates the first change; a case that gives the change in its own form
    # (chg, shift, budget, scenarios) and no pct is judged on that form.
    pct_implied = "pct" not in case and any(k in case for k in ("chg", "amts", "shift", "budget", "scenarios",
                                                                         "geo_shift", "budgets"))
    if not pct_implied and not _close(q.percentage, case.get("pct")):
        problems.append(f"percentage {q.percentage} != {case.get('pct')}")
    if [_spelling(u) for u in q.unknown_channels] != [_spelling(u) for u in case.get("unk", [])]:
        problems.append(f"unknown {list(q.unknown_channels)} != {case.get('unk', [])}")
    if "chg" in case and not _changes_ok(dict(q.changes), case["chg"]):
        problems.append(f"changes {dict(q.changes)} != {case['chg']}")
    if "amt" in case and not _close(q.amount, case["amt"]):
        problems.append(f"amount {q.amount} != {case['amt']}")
    if "amts" in case and not _changes_ok(dict(q.amounts), case["amts"]):
        problems.append(f"amounts {dict(q.amounts)} != {case['amts']}")
    if "per" in case and q.amount_per != case["per"]:
        problems.append(f"amount per {q.amount_per} != {case['per']}")
    if "amts_per" in case and _amount_rates(q) != {c: case["amts_per"].get(c) for c in dict(q.amounts)}:
        problems.append(f"amounts per {_amount_rates(q)} != {case['amts_per']}")
    if "shift" in case and not _shift_ok(q.shift, case["shift"]):
        s = q.shift
        problems.append(f"shift {None if s is None else [s.from_channel, s.to_channel, s.percentage, s.amount, list(s.also_to)]}"
                        f" != {case['shift']}")
    if "period" in case:
        p = q.period
        got_period = None if p is None else [p.granularity, p.index, p.year, p.relative, p.count]
        want = _period_want(case["period"])
        if got_period != want:
            problems.append(f"period {got_period} != {want}")
    if "cons" in case:
        got_cons = [[c.channel, c.kind, c.amount, c.percentage] for c in q.constraints]
        want = case["cons"]
        same = len(got_cons) == len(want) and _same_limits(got_cons, want)
        if not same:
            problems.append(f"constraints {got_cons} != {want}")
    if "goal" in case:
        g = q.goal
        got_goal = None if g is None else [g.kind, g.value, g.channel]
        want = case["goal"]
        if got_goal is None or got_goal[0] != want[0] or not _close(got_goal[1], want[1]) or got_goal[2] != want[2]:
            problems.append(f"goal {got_goal} != {want}")
    if "margin" in case and not _close(q.margin, case["margin"]):
        problems.append(f"margin {q.margin} != {case['margin']}")
    if "src" in case and q.source != case["src"]:
        problems.append(f"source {q.source} != {case['src']}")
    _entity_checks(case, q, problems)
    nontrivial = bool(case.get("ch") or case.get("pct") is not None or case.get("unk") or any(
        k in case for k in ("chg", "amt", "amts", "amts_per", "per", "shift", "period", "cons", "goal", "margin", "src", "budget", "window",
                            "scenarios", "horizon", "geos", "ungeo", "geo_shift", "budgets", "cue", "onwards", "aside", "ctl")))
    return not problems, problems, nontrivial


def run(cases: list[dict[str, Any]], name: str = "set") -> Report:
    """Route every case (sharing conversations by `conv`) and judge it."""
    outcomes: list[Outcome] = []
    conv: Conversation | None = None
    conv_id = object()
    for case in cases:
        cid = case.get("conv")
        channels = tuple(case.get("data", DEFAULT_CHANNELS))
        if cid is None or cid != conv_id or conv is None:
            conv = Conversation(channels=channels, geos=tuple(case.get("markets", ())),
                                controls=tuple(case.get("controls", ())))
        conv_id = cid if cid is not None else object()
        q = route(case["q"], conv)
        conv.remember(q, focus_channel=case.get("focus"), ranked=case.get("ranked"))
        entity_ok, problems, nontrivial = check(case, q)
        intent_ok = q.intent.value == case["i"]
        if unknown_channel_answer(q) and not case.get("ch") and case.get("unk") and Intent.UNKNOWN.value in (
                q.intent.value, case["i"]):
            # "Should we start advertising on TikTok?" as roi_analysis or as unknown: the same reply
            intent_ok = True
            problems = [p for p in problems if p.startswith(("channels", "unknown", "source"))]
            entity_ok = not problems
        if not intent_ok:
            problems.insert(0, f"intent {q.intent.value} != {case['i']}")
        outcomes.append(Outcome(case, q, intent_ok, entity_ok, nontrivial, tuple(problems)))
    return Report(name, tuple(outcomes))


def confusion(report: Report) -> str:
    """Expected (rows) by routed (columns) counts, abbreviated intent names."""
    names = [i.value for i in Intent]
    abbr = {n: n.replace("budget_", "b_").replace("executive_", "exec_").replace("_analysis", "")
            .replace("_overview", "_ov").replace("model_quality", "quality")[:10] for n in names}
    counts = {(a, b): 0 for a in names for b in names}
    for o in report.outcomes:
        counts[(o.case["i"], o.got.intent.value)] += 1
    lines = ["expected \\ routed".ljust(18) + "".join(abbr[n].rjust(11) for n in names)]
    for a in names:
        if not any(counts[(a, b)] for b in names):
            continue
        lines.append(abbr[a].ljust(18) + "".join(
            (str(counts[(a, b)]) if counts[(a, b)] else ".").rjust(11) for b in names))
    return "\n".join(lines)


def summary(report: Report) -> str:
    """The figures the issue asks for, in three lines."""
    n = len(report.outcomes)
    return (f"{report.name}: {n} questions\n"
            f"  intent accuracy   {report.intent_accuracy:6.1%}\n"
            f"  entity accuracy   {report.entity_accuracy:6.1%} (all cases)  "
            f"{report.entity_accuracy_nontrivial:6.1%} (the {report.n_nontrivial} cases expecting entities)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m router.eval", description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="JSONL case files (default: main and held-out sets)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    files = args.files or [p for p in (MAIN_SET, HELDOUT_SET, FRESH_SET, HELDOUT3_SET, HELDOUT4_SET,
                                                   HELDOUT5_SET, HELDOUT6_SET, HELDOUT7_SET,
                                                   HELDOUT8_SET, HELDOUT9_SET, HELDOUT10_SET,
                                                   HELDOUT11_SET, HELDOUT12_SET, *BLIND_SETS, *PROBE_SETS)
                           if p.exists()]
    totals = [0, 0, 0]   # questions, intents right, read fully right (intent and entities)
    for path in files:
        report = run(load(path), path.name)
        totals = [totals[0] + len(report.outcomes), totals[1] + sum(o.intent_ok for o in report.outcomes),
                  totals[2] + sum(o.intent_ok and o.entity_ok for o in report.outcomes)]
        print(summary(report))
        print(confusion(report))
        misses = [o for o in report.outcomes if o.problems]
        if misses:
            print(f"  misses ({len(misses)}):" if args.verbose else f"  {len(misses)} misses (-v to list)")
            if args.verbose:
                for o in misses:
                    print(f"   - {o.case['q']!r}: " + "; ".join(o.problems))
        print()
    if len(files) > 1:   # the figure sessions quote: no set's count may fall
        print(f"all {len(files)} sets: {totals[0]} questions, {totals[1]} intents right, {totals[2]} read fully right")
    return 0


if __name__ == "__main__":
    sys.exit(main())
