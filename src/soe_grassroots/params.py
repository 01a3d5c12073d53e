"""The five parameters of the game, validated once.

A local state-owned enterprise (M) and a grassroots organization (R) sell
poverty-alleviation services whose unit cost is ``h``. Demand is
``Q = T_M T_R (x - y P)`` (Eq. 1 of Lin & Xia, 2025), so the parameters are the
demand intercept ``x``, its slope ``y``, the unit cost ``h`` and the two
multipliers ``T_M`` (the SOE's reputation effect) and ``T_R`` (the grassroots
organization's driving role).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cached_property
from numbers import Real

import numpy as np

Number = float | np.ndarray


def as_real(name: str, value) -> Number:
    """Return ``value`` as a float or a read-only float array, or raise.

    Parameters
    ----------
    name : str
        The parameter's name, used in the error message.
    value : float or array_like
        A real number or an array of real numbers.

    Returns
    -------
    float or numpy.ndarray
        A Python float for a scalar, otherwise a read-only float64 array.

    Raises
    ------
    ValueError
        If ``value`` is not real and numeric, or has a non-finite element.

    Examples
    --------
    >>> as_real("x", 3)
    3.0
    >>> as_real("x", "three")
    Traceback (most recent call last):
    ...
    ValueError: x must be a real number or an array of real numbers (got 'three')
    """
    if isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be a real number or an array of real numbers (got {value!r})")
    if isinstance(value, Real):
        try:
            arr = np.asarray(float(value))
        except OverflowError:
            raise ValueError(f"{name} must be finite (got {name}={value!r})") from None
    else:
        try:
            arr = np.asarray(value)
        except Exception:  # ragged lists and other oddities
            arr = np.asarray(None, dtype=object)
        if arr.dtype.kind not in "iuf":
            raise ValueError(
                f"{name} must be a real number or an array of real numbers (got {value!r})"
            )
        arr = arr.astype(float)
    if not np.all(np.isfinite(arr)):
        bad = arr if arr.ndim == 0 else arr[~np.isfinite(arr)][0]
        raise ValueError(f"{name} must be finite (got {name}={float(bad)!r})")
    if arr.ndim == 0:
        return float(arr)
    arr.setflags(write=False)
    return arr


def _frozen(value):
    """Make an array result read-only (it is cached on a frozen `Params`)."""
    if isinstance(value, np.ndarray):
        value.setflags(write=False)
    return value


def _first(values: np.ndarray, mask: np.ndarray) -> float:
    """The first element of ``values`` where ``mask`` holds (broadcast together)."""
    values, mask = np.broadcast_arrays(values, mask)
    return float(values[mask].flat[0])


@dataclass(frozen=True, eq=False)
class Params:
    """Parameters of the SOE / grassroots pricing game.

    Every field may be a float or a numpy array; arrays broadcast together, so
    one ``Params`` can hold a whole grid of parameter sets.

    Parameters
    ----------
    x : float or array_like
        Demand intercept: the demand per unit of ``T_M T_R`` at a zero price.
    y : float or array_like
        Demand slope, ``y > 0``: how much demand falls per unit of price.
    h : float or array_like
        Unit cost of the services, ``h >= 0``.
    T_M : float or array_like
        Reputation effect of the local SOE, ``T_M > 0``.
    T_R : float or array_like
        Driving role of the grassroots organization, ``T_R > 0``.

    Raises
    ------
    ValueError
        If a value is not a finite real number, breaks its sign rule, or if
        ``x <= y*h`` (then no one is served even at cost price). The message
        names the parameter, the rule and the offending value.

    Examples
    --------
    >>> p = Params(x=10, y=1, h=2, T_M=1, T_R=1)
    >>> p.a, p.T, p.U
    (8.0, 1.0, 64.0)
    >>> Params(x=1, y=1, h=2, T_M=1, T_R=1)
    Traceback (most recent call last):
    ...
    ValueError: x must exceed y*h for demand to be positive (got x=1.0, y*h=2.0)
    """

    x: Number
    y: Number
    h: Number
    T_M: Number
    T_R: Number

    def __post_init__(self) -> None:
        for f in fields(self):
            object.__setattr__(self, f.name, as_real(f.name, getattr(self, f.name)))
        try:
            np.broadcast_shapes(*(np.shape(getattr(self, f.name)) for f in fields(self)))
        except ValueError:
            shapes = ", ".join(f"{f.name}{np.shape(getattr(self, f.name))}" for f in fields(self))
            raise ValueError(f"parameter arrays must broadcast together (got shapes {shapes})") from None
        rules = (("y", "> 0"), ("h", ">= 0"), ("T_M", "> 0"), ("T_R", "> 0"))
        for name, rule in rules:
            value = np.asarray(getattr(self, name))
            bad = value <= 0 if rule == "> 0" else value < 0
            if np.any(bad):
                raise ValueError(f"{name} must be {rule} (got {name}={_first(value, bad)!r})")
        x, yh = np.broadcast_arrays(np.asarray(self.x), np.asarray(self.y) * np.asarray(self.h))
        bad = x <= yh
        if np.any(bad):
            raise ValueError(
                "x must exceed y*h for demand to be positive "
                f"(got x={_first(x, bad)!r}, y*h={_first(yh, bad)!r})"
            )

    @cached_property
    def a(self) -> Number:
        """``x - y*h``: demand per unit of ``T`` if services were sold at cost."""
        return _frozen(self.x - self.y * self.h)

    @cached_property
    def T(self) -> Number:
        """``T_M * T_R``: the joint multiplier of demand."""
        return _frozen(self.T_M * self.T_R)

    @cached_property
    def U(self) -> Number:
        """``U = T_M T_R (x - y h)**2 / y``: the payoff scale, the unit of every payoff in the book.

        The cooperative total is ``U/4`` and each Nash payoff ``U/9``; the one symbolic form is
        `soe_grassroots.symbolic.U`.

        Examples
        --------
        >>> from soe_grassroots import EXAMPLE
        >>> EXAMPLE.U
        192.0
        """
        return _frozen(self.T * self.a**2 / self.y)

    def replace(self, **changes) -> Params:
        """A copy with some fields changed (validated again).

        Examples
        --------
        >>> Params(10, 1, 2, 1, 1).replace(h=3).a
        7.0
        """
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(changes)
        return Params(**values)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Params):
            return NotImplemented
        return all(
            np.array_equal(getattr(self, f.name), getattr(other, f.name)) for f in fields(self)
        )

    def __hash__(self) -> int:
        values = tuple(getattr(self, f.name) for f in fields(self))
        if any(isinstance(v, np.ndarray) for v in values):
            raise TypeError("Params holding arrays are not hashable")
        return hash(values)


EXAMPLE = Params(x=10.0, y=1.0, h=2.0, T_M=1.5, T_R=2.0)
"""The book's running example: ``a = x - y h = 8``, ``T = T_M T_R = 3`` and ``U = T a**2 / y = 192``."""
