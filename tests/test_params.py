"""ch-model, the model: the parameters x, y, h, T_M, T_R and their validity rules.

The book (ch-model, "the parameters") states that a parameter set is valid when
every value is a finite real number, y > 0, h >= 0, T_M > 0, T_R > 0 and
x > y*h (otherwise no one is served even at cost price). `Params` enforces these
rules once; every error names the parameter, the rule and the offending value.
"""

import dataclasses
import itertools
import re

import numpy as np
import pytest
from hypothesis import given, settings

from soe_grassroots import Params
from strategies import valid_params

FIELDS = ("x", "y", "h", "T_M", "T_R")
VALID = dict(x=10.0, y=1.0, h=2.0, T_M=1.0, T_R=1.0)


def make(**changes):
    """A Params built from VALID with some fields changed."""
    return Params(**{**VALID, **changes})


# --- finite real numbers -------------------------------------------------------------


@pytest.mark.parametrize("name", FIELDS)
@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_value_is_rejected(name, value):
    """ch-model, parameters: every parameter must be finite; nan and +-inf are refused."""
    with pytest.raises(ValueError, match=re.escape(f"{name} must be finite (got {name}={value!r})")):
        make(**{name: value})


def test_integer_too_large_for_a_float_is_rejected_with_value_error():
    """ch-model, parameters: an int beyond float range is not a finite real; ValueError, not OverflowError."""
    with pytest.raises(ValueError, match=r"^x must be"):
        make(x=10**400)


NON_NUMERIC = {
    "str": "three",
    "None": None,
    "bool": True,
    "numpy bool": np.bool_(False),
    "complex": 1 + 2j,
    "complex array": np.array([1 + 0j, 2 + 0j]),
    "ragged list": [[1.0, 2.0], [3.0]],
    "dict": {"value": 1.0},
    "list of str": ["1", "2"],
    "bool array": np.array([True, True]),
}


@pytest.mark.parametrize("name", FIELDS)
@pytest.mark.parametrize("value", NON_NUMERIC.values(), ids=NON_NUMERIC.keys())
def test_non_numeric_value_gives_a_clear_value_error(name, value):
    """ch-model, parameters: a non-numeric value raises a ValueError naming the parameter, never a TypeError."""
    expected = f"{name} must be a real number or an array of real numbers (got {value!r})"
    with pytest.raises(ValueError, match=re.escape(expected)):
        make(**{name: value})


# --- sign rules ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, value, rule",
    [
        ("y", 0.0, "> 0"),
        ("y", -1.5, "> 0"),
        ("h", -0.5, ">= 0"),
        ("T_M", 0.0, "> 0"),
        ("T_M", -2.0, "> 0"),
        ("T_R", 0.0, "> 0"),
        ("T_R", -3.0, "> 0"),
    ],
)
def test_sign_rule_is_enforced(name, value, rule):
    """ch-model, parameters: y > 0, h >= 0, T_M > 0, T_R > 0, and the message says which rule failed."""
    # x = 100 keeps x > y*h out of the way for every case here
    with pytest.raises(ValueError, match=re.escape(f"{name} must be {rule} (got {name}={value!r})")):
        make(x=100.0, **{name: value})


def test_zero_unit_cost_is_valid():
    """ch-model, parameters: h >= 0, so services that cost nothing (h = 0) are allowed."""
    p = make(h=0.0)
    assert p.h == 0.0
    assert p.a == 10.0  # a = x - y*h = 10 - 0


def test_demand_must_be_positive_at_cost_price():
    """ch-model, parameters: x > y*h, and the message shows x and y*h."""
    expected = "x must exceed y*h for demand to be positive (got x=1.0, y*h=2.0)"
    with pytest.raises(ValueError, match=re.escape(expected)):
        Params(x=1, y=1, h=2, T_M=1, T_R=1)


def test_demand_exactly_zero_at_cost_price_is_rejected():
    """ch-model, parameters: x = y*h is not enough (the rule is strict)."""
    # y*h = 2*3 = 6 = x
    with pytest.raises(ValueError, match=re.escape("(got x=6.0, y*h=6.0)")):
        Params(x=6, y=2, h=3, T_M=1, T_R=1)


# --- arrays: one bad element is enough -----------------------------------------------


@pytest.mark.parametrize(
    "changes, message",
    [
        (dict(x=[10.0, float("nan"), 12.0]), "x must be finite (got x=nan)"),
        (dict(T_R=[1.0, float("inf")]), "T_R must be finite (got T_R=inf)"),
        (dict(y=[1.0, -0.5, 2.0], h=0.0), "y must be > 0 (got y=-0.5)"),
        (dict(h=[0.0, -3.0, 1.0]), "h must be >= 0 (got h=-3.0)"),
        (dict(T_M=[1.0, -2.0]), "T_M must be > 0 (got T_M=-2.0)"),
        (dict(T_R=[[1.0], [0.0]]), "T_R must be > 0 (got T_R=0.0)"),
        (dict(x=[10.0, 1.0, 12.0]), "x must exceed y*h for demand to be positive (got x=1.0, y*h=2.0)"),
        # a grid: x (2, 1) against h (2,); only the pair x = 1.5, h = 2 (y*h = 2) is bad
        (dict(x=[[10.0], [1.5]], h=[1.0, 2.0]), "(got x=1.5, y*h=2.0)"),
    ],
    ids=["nan", "inf", "y", "h", "T_M", "T_R", "x<=y*h", "x<=y*h grid"],
)
def test_array_with_one_bad_element_is_rejected(changes, message):
    """ch-model, parameters: arrays are checked element by element; the message shows the bad element."""
    with pytest.raises(ValueError, match=re.escape(message)):
        make(**changes)


@pytest.mark.parametrize("first, second", list(itertools.combinations(FIELDS, 2)))
def test_arrays_that_do_not_broadcast_are_rejected(first, second):
    """ch-model, parameters: array fields must broadcast together (shapes (2,) and (3,) do not)."""
    # valid values: x >= 10 > y*h = 1*2 for every element
    changes = {first: np.full(2, VALID[first] + 1.0), second: np.full(3, VALID[second] + 1.0)}
    if "y" in changes or "h" in changes:
        changes.setdefault("x", 100.0)
    with pytest.raises(ValueError, match="broadcast"):
        make(**changes)


def test_valid_arrays_broadcast_to_a_grid():
    """ch-model, parameters: a grid of parameter sets; a = x - y*h and T = T_M*T_R broadcast."""
    x = np.array([[10.0], [20.0]])  # shape (2, 1)
    h = np.array([0.0, 1.0, 2.0])  # shape (3,)
    p = make(x=x, h=h, y=2.0, T_M=np.array([1.0, 2.0, 4.0]), T_R=0.5)
    # a = x - 2 h: rows x = 10, 20; columns h = 0, 1, 2
    np.testing.assert_array_equal(p.a, [[10.0, 8.0, 6.0], [20.0, 18.0, 16.0]])
    # T = T_M * 0.5
    np.testing.assert_array_equal(p.T, [0.5, 1.0, 2.0])


def test_scalar_properties():
    """ch-model, notation: a = x - y*h and T = T_M*T_R."""
    p = Params(x=12, y=2, h=1.5, T_M=3, T_R=0.5)
    assert p.a == 9.0  # 12 - 2*1.5
    assert p.T == 1.5  # 3*0.5
    assert all(type(getattr(p, f)) is float for f in FIELDS)


def test_lists_become_float_arrays():
    """ch-model, parameters: lists and integer arrays are accepted as float arrays."""
    p = make(x=[10, 11], T_M=np.array([1, 2]))
    assert p.x.dtype == np.float64 and p.T_M.dtype == np.float64
    np.testing.assert_array_equal(p.x, [10.0, 11.0])


# --- immutability ----------------------------------------------------------------------


def test_fields_cannot_be_reassigned():
    """ch-model, parameters: Params is frozen; a parameter set cannot change after validation."""
    p = make()
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 1.0


def test_array_fields_are_read_only():
    """ch-model, parameters: array fields cannot be changed in place (that would bypass validation)."""
    p = make(h=[0.0, 1.0])
    with pytest.raises(ValueError, match="read-only"):
        p.h[0] = 100.0


def test_params_does_not_share_the_callers_array():
    """ch-model, parameters: changing the array passed in later does not change the validated Params."""
    h = np.array([0.0, 1.0])
    p = make(h=h)
    h[0] = 100.0
    assert p.h[0] == 0.0


def test_replace_returns_a_validated_copy():
    """ch-model, parameters: replace() changes some fields, keeps the rest, and validates again."""
    p = make()
    q = p.replace(h=3.0, T_R=2.0)
    assert (q.x, q.y, q.h, q.T_M, q.T_R) == (10.0, 1.0, 3.0, 1.0, 2.0)
    assert p.h == 2.0  # the original is unchanged
    with pytest.raises(ValueError, match=re.escape("(got x=10.0, y*h=20.0)")):
        p.replace(h=20.0)


# --- equality and hashing -------------------------------------------------------------


def test_equal_values_give_equal_params_and_equal_hashes():
    """ch-model, parameters: Params compare by value (ints and floats alike) and scalar Params hash."""
    p, q = Params(10, 1, 2, 1, 1), Params(10.0, 1.0, 2.0, 1.0, 1.0)
    assert p == q
    assert hash(p) == hash(q)
    assert len({p, q, p.replace(h=3)}) == 2


def test_different_values_give_unequal_params():
    """ch-model, parameters: Params differing in one field are unequal; a Params is not equal to a non-Params."""
    p = make()
    assert p != p.replace(T_M=2.0)
    assert p != "Params(10, 1, 2, 1, 1)"


def test_array_params_compare_by_value_and_are_not_hashable():
    """ch-model, parameters: Params holding arrays compare element-wise but cannot be hashed."""
    p, q = make(h=[0.0, 1.0]), make(h=np.array([0.0, 1.0]))
    assert p == q
    assert p != make(h=[0.0, 1.5])
    with pytest.raises(TypeError, match="not hashable"):
        hash(p)


@settings(deadline=None)  # the first example imports sympy
@given(valid_params())
def test_payoff_scale_U_is_the_symbolic_one_and_every_payoff_is_a_multiple_of_it(p):
    from soe_grassroots import solve, symbolic

    values = {getattr(symbolic, k): getattr(p, k) for k in ("x", "y", "h", "T_M", "T_R")}
    assert p.U == pytest.approx(float(symbolic.U.subs(values)), rel=1e-12)
    assert solve(p, "cooperative").E_T == pytest.approx(p.U / 4, rel=1e-12)
    assert solve(p, "nash").E_M == pytest.approx(p.U / 9, rel=1e-12)
