"""The shared validation helpers of `soe_grassroots._checks` and `symbolic.in_terms_of_a`.

Each helper replaced copies in several modules; these tests pin the behaviour
and the messages that the modules' own tests match.
"""

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from soe_grassroots import _checks, symbolic


def test_scalar_unwraps_zero_dimensional_values_only():
    assert type(_checks.scalar(np.float64(0.25))) is float and _checks.scalar(np.array(3.0)) == 3.0
    arr = np.array([1.0, 2.0])
    assert _checks.scalar(arr) is arr


def test_single_returns_the_one_solution_and_rejects_others():
    x = sp.Symbol("x")
    assert _checks.single(sp.solve(2 * x - 1, x)) == sp.Rational(1, 2)
    for many in ([], [1, 2]):
        with pytest.raises(ArithmeticError, match=f"sympy found {len(many)}"):
            _checks.single(many)


@given(st.floats(0, 1, exclude_max=True))
def test_check_delta_accepts_the_unit_interval(delta):
    assert _checks.check_delta(delta) == delta


@pytest.mark.parametrize("delta", [-0.1, 1.0, 2.0, [0.5, 1.0]])
def test_check_delta_rejects_outside_the_unit_interval(delta):
    with pytest.raises(ValueError, match=r"^delta must be in \[0, 1\) \(got delta="):
        _checks.check_delta(delta)


@pytest.mark.parametrize("name", ["player", "leader"])
def test_check_player_names_the_argument(name):
    assert _checks.check_player(name, "M") == "M" and _checks.check_player(name, "R") == "R"
    with pytest.raises(ValueError, match=f"^{name} must be 'M' or 'R' \\(got 'X'\\)$"):
        _checks.check_player(name, "X")


def test_in_terms_of_a_inverts_a_in_x():
    """x = y h + a, so a = x - y h comes back as a, and the Nash payoff is T a**2 / (9 y)."""
    assert symbolic.in_terms_of_a(symbolic.A_IN_X) == symbolic.a
    E = sp.factor(symbolic.in_terms_of_a(symbolic.derive("nash").E_M))
    assert sp.simplify(E - symbolic.T_M * symbolic.T_R * symbolic.a**2 / (9 * symbolic.y)) == 0
    assert symbolic.x not in E.free_symbols
