"""Hypothesis strategies shared by the property tests (tests/test_*.py import them: ``from strategies import ...``)."""

from __future__ import annotations

from hypothesis import strategies as st

from soe_grassroots import Params


@st.composite
def valid_params(draw):
    """Any valid parameter set: y, T_M, T_R in [1e-2, 1e2], h in [0, 1e2], x = y h + a with a in [1e-2, 1e3]."""
    y, T_M, T_R = (draw(st.floats(1e-2, 1e2)) for _ in range(3))
    h = draw(st.floats(0.0, 1e2))
    a = draw(st.floats(1e-2, 1e3))
    return Params(x=y * h + a, y=y, h=h, T_M=T_M, T_R=T_R)
