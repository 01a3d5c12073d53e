"""soe_grassroots: the SOE / grassroots-organization game of Lin & Xia (2025).

A local state-owned enterprise M and a grassroots organization R each add a
markup on the unit cost ``h`` of poverty-alleviation services. The package
solves the four regimes the paper compares (simultaneous moves, either party
leading, cooperation), counts the beneficiaries' surplus the paper leaves out,
and, in `soe_grassroots.symbolic`, derives every result with sympy.

Examples
--------
>>> from soe_grassroots import Params, compare
>>> print(compare(Params(x=10, y=1, h=2, T_M=1, T_R=1)).ordering)
E_T^LM = E_T^LR < E_T^N < E_T^C
"""

from .model import Outcome, beneficiary_surplus, demand, evaluate, payoff, price
from .params import EXAMPLE, Params
from .regimes import LABELS, MARKUPS, NAMES, REGIMES, Comparison, best_response, compare, dilemma, ordering, solve

__all__ = [
    "EXAMPLE", "Params", "Outcome", "best_response", "dilemma", "Comparison", "REGIMES", "LABELS", "NAMES", "MARKUPS",
    "solve", "compare", "ordering", "evaluate", "price", "demand", "payoff",
    "beneficiary_surplus",
]
__version__ = "0.1.0"
