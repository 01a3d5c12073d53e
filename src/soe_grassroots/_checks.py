"""Validation helpers shared by the package's modules (one copy of each).

Every module that checks a discount factor, names a partner, hands back a
scalar where numpy made a 0-d array, or takes sympy's one solution imports
these; their error messages are the ones the tests match.
"""

from __future__ import annotations

import numpy as np

from .params import as_real

PLAYERS = ("M", "R")
"""The two partners: the SOE (M) and the grassroots organization (R)."""


def scalar(value):
    """``value`` as a Python float if it is 0-dimensional, unchanged if it is an array.

    Examples
    --------
    >>> scalar(np.float64(0.5)), scalar(np.array(2.0))
    (0.5, 2.0)
    >>> scalar(np.array([1.0, 2.0]))
    array([1., 2.])
    """
    return float(value) if np.ndim(value) == 0 else value


def single(solutions):
    """The one solution sympy found, or an ArithmeticError saying how many there were.

    Examples
    --------
    >>> single([3])
    3
    >>> single([1, 2])
    Traceback (most recent call last):
    ...
    ArithmeticError: expected one solution, sympy found 2: [1, 2]
    """
    if len(solutions) != 1:
        raise ArithmeticError(f"expected one solution, sympy found {len(solutions)}: {solutions}")
    return solutions[0]


def check_delta(delta):
    """A discount factor in [0, 1) (number or array), or a ValueError naming ``delta``.

    Examples
    --------
    >>> check_delta(0.5)
    0.5
    >>> check_delta(1.0)
    Traceback (most recent call last):
    ...
    ValueError: delta must be in [0, 1) (got delta=1.0)
    """
    value = as_real("delta", delta)
    bad = (np.asarray(value) < 0) | (np.asarray(value) >= 1)
    if np.any(bad):
        raise ValueError(f"delta must be in [0, 1) (got delta={float(np.asarray(value)[bad].flat[0])!r})")
    return value


def check_player(name: str, value) -> str:
    """``value`` if it is ``"M"`` or ``"R"``, else a ValueError naming the argument ``name``.

    Examples
    --------
    >>> check_player("leader", "R")
    'R'
    >>> check_player("player", "X")
    Traceback (most recent call last):
    ...
    ValueError: player must be 'M' or 'R' (got 'X')
    """
    if value not in PLAYERS:
        raise ValueError(f"{name} must be 'M' or 'R' (got {value!r})")
    return value
