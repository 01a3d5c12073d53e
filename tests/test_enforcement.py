"""The enforcement chapter (``ch-enforcement``) and `soe_grassroots.enforcement`.

* `thresholds` lines up the windows of `soe_grassroots.repeated` for each punishment, unchanged.
* The share of households a punishment serves (`SERVED`) is derived from the model, not typed: at the Nash
  markups Q is two thirds of Q under the agreement, in breakdown it is 0, for every valid parameter set.
* The explorer's figure states in its alt text which punishments hold at the chosen delta, and its verdicts
  agree with the windows.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from soe_grassroots import EXAMPLE, enforcement, evaluate, solve
from soe_grassroots import repeated as rep
from strategies import valid_params


@settings(max_examples=60, deadline=None)
@given(valid_params())
def test_served_shares_are_the_models(p):
    """ch-enforcement, policy reading: Nash reversion serves 2/3 of the households the agreement serves; every
    breakdown (both markups at a/y) serves none."""
    agreed = solve(p, "cooperative").Q
    assert solve(p, "nash").Q / agreed == pytest.approx(enforcement.SERVED["nash"], rel=1e-12)
    choke = p.a / p.y
    assert evaluate(p, choke, choke).Q <= 0 and max(evaluate(p, choke, choke).Q, 0.0) / agreed == \
        enforcement.SERVED["minmax"] == enforcement.SERVED["stick1"] == enforcement.SERVED["stick2"]


@settings(max_examples=60, deadline=None)
@given(valid_params(), st.sampled_from(rep.DEVIATIONS), st.floats(0, 0.03), st.floats(0.4, 0.6))
def test_thresholds_are_the_repeated_modules(p, deviation, f_U, share):
    """ch-enforcement explorer: each row's window is the one `repeated` computes for that punishment."""
    F = f_U * p.U
    got = enforcement.thresholds(p, deviation, F, share)
    assert list(got) == list(enforcement.PUNISHMENT_ROWS)
    for key in ("nash", "minmax"):
        assert got[key].low == rep.windows(p, deviation, key, F, share)["both"].low
    for k in (1, 2):
        assert got[f"stick{k}"].low == rep.critical_discount(p, deviation, "stick", F, share, stick=k)
    assert got["known_end"].low == rep.finite_horizon_discount(p, deviation, F, share)


def test_breakdown_needs_least_patience_at_an_equal_split():
    """ch-enforcement summary: at an equal split breakdown for ever needs the least patience, one period of
    breakdown a little more, Nash reversion the most."""
    lows = {k: w.low for k, w in enforcement.thresholds(EXAMPLE).items()}
    assert lows["minmax"] < lows["stick2"] < lows["stick1"] < lows["known_end"] < lows["nash"]
    assert lows["minmax"] == pytest.approx(1 / 9) and lows["nash"] == pytest.approx(9 / 17)


@pytest.mark.parametrize("delta", [0.0, 0.12, 0.3, 0.6, 0.9])
def test_plot_verdicts_follow_the_windows(delta):
    """ch-enforcement explorer: the figure's verdicts and alt text say which punishments hold at delta."""
    plot = enforcement.PunishmentPlot(EXAMPLE, delta)
    windows = enforcement.thresholds(EXAMPLE)
    for key, w in windows.items():
        assert plot.holds[key] == (w.low <= delta <= w.high)
        assert plot.labels[key].get_text().startswith(f"{enforcement.PUNISHMENT_ROWS[key]}: "
                                                       + ("holds" if plot.holds[key] else "fails"))
        named = enforcement.PUNISHMENT_ROWS[key] in plot.alt
        assert named == plot.holds[key] or (not plot.holds[key] and "none of" in plot.alt)


def test_a_penalty_of_a_64th_makes_nash_reversion_hold_at_every_delta():
    """ch-enforcement: with F >= U/64 Nash reversion holds from delta = 0 (prop-rep-penalty)."""
    w = enforcement.thresholds(EXAMPLE, "best", EXAMPLE.U / 64)["nash"]
    assert (w.low, w.high) == (0.0, 1.0)


def test_explorer_has_one_frame_per_delta_and_rejects_bad_size():
    """ch-enforcement explorer: the main slider sets delta from 0 to 0.95; a bad size is a ValueError."""
    explorer = enforcement.explore_enforcement()
    assert np.allclose(explorer.values, np.round(np.arange(0, 0.951, 0.05), 2))
    assert len(explorer.frames) == len(explorer.values)
    with pytest.raises(ValueError, match="size"):
        enforcement.explore_enforcement(size="huge")


def test_empty_window_is_drawn_as_no_bar():
    """ch-enforcement explorer: a share at which a punishment never holds draws no bar and says 'fails'."""
    plot = enforcement.PunishmentPlot(EXAMPLE, 0.5, share=0.40)
    assert math.isinf(plot.windows["nash"].low)
    assert plot.bars["nash"].get_width() == 0.0 and not plot.holds["nash"]
