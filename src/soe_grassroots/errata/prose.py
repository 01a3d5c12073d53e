"""The paper's prose, record by record: each `Statement` written over the sympy check that supports it.

Two registers, in the order the sentences occur in the paper:

* `misstatements`: places where the prose is wrong, or loose (`KINDS`), each
  with the quote, the problem, the correction (for loose wording, a clearer
  wording) and the evidence its check computes;
* `notes`: claims that hold and assumptions that are harmless. They are not
  errata and are kept apart from them.

To add a record, write ``@misstatement(...)`` (or ``@note(...)``) with every
field by keyword over a new ``_check_<name>() -> bool``, at its place in the
paper's order. The quote is the paper's words, verbatim.
"""

from __future__ import annotations

import re

import sympy as sp

from .. import symbolic as S
from .._checks import single as _single
from ..bargaining import derive as derive_bargaining
from ..regimes import LABELS, REGIMES
from ..symbolic import T_M, T_R, h, m_M, m_R, x, y
from .games import grim_trigger_threshold, share_interval, two_action_game
from .lines import equations
from .records import Register, Statement
from .rule import definitions, ranking

misstatement = Register()
"""The prose misstatements, in the paper's order (see `misstatements`)."""

note = Register()
"""The claims that hold and the harmless assumptions, in the paper's order (see `notes`)."""


def misstatements() -> list[Statement]:
    """The paper's prose misstatements, in the order they occur, each with a computed check.

    Examples
    --------
    >>> items = misstatements()
    >>> len(items) == len({s.key for s in items}), all(s.check() for s in items)
    (True, True)
    """
    return list(misstatement.records)


def notes() -> list[Statement]:
    """Statements of the paper that hold or are harmless: not errata.

    Examples
    --------
    >>> all(s.check() for s in notes()), {s.kind for s in notes()}
    (True, {'note'})
    """
    return list(note.records)


def _zero(expr) -> bool:
    return sp.simplify(expr) == 0


# ---------------------------------------------------------------------------------------------------------
# Misstatements


@misstatement(
    key="governments",
    where="§1, aim of the study",
    quote="how local governments can establish an effective cooperative mechanism with grassroots organizations",
    kind="wording",
    problem="The actor is wrong: the paper studies local SOEs, and the model has no government.",
    correction="How local SOEs can build a cooperative mechanism with grassroots organizations.",
    evidence="the model's only players are $M$ and $R$",
)
def _check_players() -> bool:
    return set(S.MARKUP) == {"M", "R"} and set(S.payoffs()) == {"M", "R"}


IN_TEXT = {"Zou et al., 2023": "Zou, B. L., Gao, J., & Zhang, Y. L. (2013)"}
"""The one in-text citation whose reference-list entry disagrees, with that entry (both as printed)."""


@misstatement(
    key="citation",
    where="§1, grassroots organizations",
    quote="(Zou et al., 2023)",
    kind="citation",
    problem="The reference list has Zou, Gao and Zhang with the year 2013, not 2023.",
    correction="Cite the year the list gives, or correct the list.",
    evidence="same first author, different year",
)
def _check_citation() -> bool:
    (cited, listed), = IN_TEXT.items()
    year = re.compile(r"(\d{4})")
    cited_year, listed_year = year.search(cited), year.search(listed)
    assert cited_year is not None and listed_year is not None, IN_TEXT
    return cited.split()[0] == listed.split(",")[0] and cited_year[1] != listed_year[1]


@misstatement(
    key="cooperative-model",
    where="abstract, contribution (2), §3",
    quote="based on a cooperative game model",
    kind="method",
    problem=("Two of the three scenarios are non-cooperative games. The third maximizes the joint payoff, which "
             "fixes only the sum of the markups; no cooperative-game solution (core, Shapley value, bargaining) "
             "is applied, so no split is derived."),
    correction="A pricing game solved under simultaneous moves, either leader, and joint maximization.",
    evidence="the joint payoff depends on $m_M + m_R$ only",
)
def _check_joint_split() -> bool:
    joint = S.joint_maximum()
    return m_R not in joint.joint_payoff.free_symbols and m_M not in joint.joint_payoff.free_symbols


@misstatement(
    key="bounded",
    where="§2.1, trust",
    quote="both parties are boundedly rational",
    kind="loose",
    problem=("Read as an assumption of the model, it is not one: the games of §2.3 have complete information and "
             "players who maximize exactly. Read as the paper uses it, as motivation for why trust, opportunism "
             "and binding agreements matter, it is fine; what is missing is one sentence saying that the model "
             "then sets bounded rationality aside."),
    correction=("Real partners are boundedly rational; the model abstracts from this and assumes that each "
                "maximizes its payoff exactly."),
    evidence="second-order conditions negative; the Nash markups are exact best responses",
)
def _check_exact_optimizers() -> bool:
    soc = S.second_order_conditions()
    br, ne = S.best_responses(), S.nash_equilibrium()
    return all(soc[i].is_negative for i in soc) and all(_zero(br[i].subs(ne) - ne[S.MARKUP[i]]) for i in br)


@misstatement(
    key="positive-demand",
    where="after (1)",
    quote="with x > 0 and y > 0",
    kind="assumption",
    problem=("The stated assumption is weaker than the results need: they need $x > yh$ (someone is served at "
             "cost). With $x < yh$ the markups of (7) are negative while (8) still gives a positive payoff."),
    correction="Assume $y > 0$ and $x > yh$.",
    evidence="at $x = yh - b$, $b > 0$: $m_M^N < 0$ but the formula for $E_M^N$ is positive",
)
def _check_positive_demand_needed() -> bool:
    b = sp.Symbol("b", positive=True)   # x = y h - b: demand negative even at cost
    n = S.derive("nash")
    below = {x: y * h - b}
    return bool(n.m_M.subs(below).is_negative and n.E_M.subs(below).is_positive)


@misstatement(
    key="unit-cost",
    where="hypothesis 5",
    quote="In addition to affecting the unit cost of targeted poverty alleviation, the reputation effect",
    kind="loose",
    problem=("Read literally, the reputation effect changes the unit cost; in the model it does not: $h$ is a "
             "parameter, and $T_M$ moves neither the price nor any markup in any regime. The paper supports a "
             "gentler reading: Hypothesis 4 has just set out the cost side and Hypothesis 5 turns to demand, so "
             "the phrase is a transition (besides the cost side, reputation matters for demand), and on that "
             "reading nothing is wrong."),
    correction=("Besides the costs of Hypothesis 4, the reputation effect matters for demand: it scales the "
                "quantity served, not costs or prices."),
    evidence=r"$\partial P/\partial T_M = \partial P/\partial T_R = 0$ in all four regimes",
)
def _check_price_free_of_T() -> bool:
    return all(_zero(sp.diff(S.derive(r).P, t)) for r in REGIMES for t in (T_M, T_R))


@misstatement(
    key="pareto-6",
    where="before (6)",
    quote=("to achieve Pareto optimality, both local SOEs and grassroots organizations will pursue the "
           "maximization of overall benefits"),
    kind="method",
    problem=("What follows is each partner maximizing its own payoff (a Nash equilibrium), and the result is not "
             "Pareto optimal: another pair of markups gives both more."),
    correction="Each partner maximizes its own payoff, taking the other's markup as given.",
    evidence="$E_M^C - E_M^N > 0$ and $E_R^C - E_R^N > 0$",
)
def _check_nash_not_pareto() -> bool:
    n, c = S.derive("nash"), S.derive("cooperative")
    return bool(S.positive(c.E_M - n.E_M) and S.positive(c.E_R - n.E_R))


@misstatement(
    key="set-zero",
    where="before (6)",
    quote="differentiating with respect to m and setting",
    kind="wording",
    problem=("The quantity is wrong twice: the derivative is in $R$'s own markup $m_R$, and it is the derivative "
             "that is set to zero. Setting $E_R^N = 0$ gives $m_R = 0$ or the markup at which demand vanishes."),
    correction="Differentiate $E_R$ with respect to $m_R$ and set the derivative to zero.",
    evidence="the best response lies halfway between the two zeros of $E_R$ and equals neither",
)
def _check_zero_payoff_vs_foc() -> bool:
    E_R = S.payoffs()["R"]
    zeros = sp.solve(E_R, m_R)
    br = S.best_responses()["R"]
    return len(zeros) == 2 and _zero(br - sum(zeros) / 2) and not any(_zero(br - z) for z in zeros)


@misstatement(
    key="mrts",
    where="at (7)",
    quote="the marginal rate of technical substitution is equal",
    kind="method",
    problem=("A marginal rate of technical substitution compares two inputs of a production function at constant "
             "output, and nothing at (7) is one: the markups are prices, not inputs, and $T_M$ and $T_R$, though "
             "complements in demand, are fixed parameters no partner chooses. The markups are equal because the "
             "two first-order conditions are mirror images; solving them gives equality without assuming it."),
    correction="Solve the two first-order conditions together; by symmetry the markups are equal.",
    evidence="$M$'s first-order condition with $m_M$ and $m_R$ swapped is $R$'s; the solution has $m_M = m_R$",
)
def _check_symmetric_focs() -> bool:
    foc = S.first_order_conditions()
    swapped = foc["M"].lhs.subs({m_M: m_R, m_R: m_M}, simultaneous=True)
    ne = S.nash_equilibrium()   # solved without imposing m_M = m_R
    return _zero(swapped - foc["R"].lhs) and _zero(ne[m_M] - ne[m_R])


@misstatement(
    key="equal-reputation",
    where="after (7)",
    quote=("the unit value of the reputation effect of local SOEs in participating in targeted poverty "
           "alleviation is identical to that of the grassroots organizations"),
    kind="loose",
    problem=("Read literally, the reputation effect $T_M$ equals the driving role $T_R$; nothing in the model "
             "says so, and neither enters the markups. Read with “unit value” as what each partner adds per unit "
             "served, its markup, as the sentence's place right after (7) suggests, it states $m_M^N = m_R^N$, "
             "which holds."),
    correction="The two partners charge the same markup, whatever $T_M$ and $T_R$.",
    evidence="$m_M^N = m_R^N$, and $T_M$ and $T_R$ appear in neither",
)
def _check_markups_free_of_T() -> bool:
    n = S.derive("nash")
    return _zero(n.m_M - n.m_R) and not ({T_M, T_R} & (n.m_M.free_symbols | n.m_R.free_symbols))


@misstatement(
    key="unit-investment",
    where="after (9)",
    quote="as well as to the unit investment of local SOEs",
    kind="contradicted",
    problem="The SOE's unit investment $h + m_M$ does not depend on $T_M$ or $T_R$; only the payoffs rise with them.",
    correction="$T_M$ and $T_R$ raise the payoffs; the unit investment $h + m_M^N$ does not change.",
    evidence=r"$\partial(h + m_M^N)/\partial T_i = 0$ and $\partial E_T^N/\partial T_i > 0$ for $i = M, R$",
)
def _check_unit_investment() -> bool:
    n = S.derive("nash")
    invest = h + n.m_M
    return (all(_zero(sp.diff(invest, t)) for t in (T_M, T_R))
            and all(S.positive(sp.diff(n.E_T, t)) for t in (T_M, T_R)))


@misstatement(
    key="influenced",
    where="after (9)",
    quote="since the investment of local SOEs is influenced by the driving role of grassroots organizations",
    kind="contradicted",
    problem=("The SOE's best markup falls by 1/2 per unit of $R$'s markup $m_R$ but does not depend on $R$'s "
             "driving role $T_R$. The loss comes from the two markups stacked on one price."),
    correction="Each partner's markup responds to the other's markup (double marginalization), not to $T_R$.",
    evidence=(r"$\partial m_M^*/\partial m_R = -1/2$ and $\partial m_M^*/\partial T_R = 0$ ($m_M^*$: $M$'s best "
              "response)"),
)
def _check_influence() -> bool:
    br = S.best_responses()["M"]
    return _zero(sp.diff(br, m_R) + sp.Rational(1, 2)) and _zero(sp.diff(br, T_R))


@misstatement(
    key="overall-benefits",
    where="hypothesis 3",
    quote=("the overall benefits accrued by the non-cooperating party may be lower than those achieved through "
           "mutual cooperation"),
    kind="loose",
    problem=("Read as the defector's payoff in one play, it contradicts the paper's own ranking $E_R^{NC} > "
             "E_R^{CC}$. Two readings hold: the partners' total is lower, and, as the present values that follow "
             "in the paper suggest, over a repeated relationship in which a defection is answered with $N$ the "
             "defector's own present value is lower for patient enough partners."),
    correction=("The defector gains at once, but the partners' total is lower than under mutual cooperation, and "
                "in a repeated relationship the defector itself loses if the partners are patient enough."),
    evidence=(r"$E_R^{NC} > E_R^{CC}$ and $E_T^{NC} < E_T^{CC}$ in the two-action game; at $\delta = 3/4$ "
              "defecting once under grim trigger is worth less than cooperating"),
)
def _check_defector_overall() -> bool:
    d = sp.Rational(3, 4)   # above the grim-trigger threshold 1/2
    g = two_action_game()
    cc, nc, nn = g["CC"][1], g["NC"][1], g["NN"][1]
    lower_pv = S.positive(cc / (1 - d) - (nc + d * nn / (1 - d)))
    return bool(_check_defector_vs_total() and lower_pv and grim_trigger_threshold() < d)


@misstatement(
    key="truncated",
    where="hypothesis 3",
    quote="In contrast, consistent cooperating or both not cooperating.",
    kind="garbled",
    problem="The sentence has no main clause; the definition of consistent behaviour is cut.",
    correction=("Consistent behaviour means both cooperate ($CC$) or both do not ($NN$); both partners earn more "
                "at $CC$ than at $NN$."),
    evidence="$E_i^{CC} > E_i^{NN}$ for $i = M, R$",
)
def _check_diagonal() -> bool:
    g = two_action_game()
    return all(S.positive(g["CC"][i] - g["NN"][i]) for i in (0, 1))


@misstatement(
    key="epv-actor",
    where="hypothesis 3",
    quote="When EPV(R)C > EPV(R)N, the local SOE will adopt a cooperative behavior",
    kind="wording",
    problem=("The grassroots organization's value decides the SOE's action. Each partner should compare its own "
             "values; in the one-shot game $N$ is better for $R$ whatever $M$ does, so the stated condition never "
             "holds."),
    correction="A partner cooperates when its own present value from cooperating exceeds that from defecting.",
    evidence="$E_R^{NC} > E_R^{CC}$ and $E_R^{NN} > E_R^{CN}$: $N$ dominates for $R$",
)
def _check_defection_dominant() -> bool:
    g = two_action_game()   # R's payoff is g[...][1]; R's action is the first letter
    return bool(S.positive(g["NC"][1] - g["CC"][1]) and S.positive(g["NN"][1] - g["CN"][1]))


@misstatement(
    key="epv-discount",
    where="hypothesis 3",
    quote="Let EPV represent the present value of returns for local SOEs and grassroots organizations.",
    kind="definition",
    problem=("A definition that leaves out what it needs: a present value needs a stream of payoffs over time and "
             "a discount factor, and the paper gives neither; its games are played once, where a present value is "
             "just the one-period payoff."),
    correction=("Define the present value in the repeated two-action game: with grim trigger, cooperation lasts "
                "if and only if the discount factor is at least the threshold computed here."),
    evidence=r"the $\delta$ solving $E^{CC}/(1-\delta) = E^{NC} + \delta E^{NN}/(1-\delta)$ is a number in $(0, 1)$",
)
def _check_epv_threshold() -> bool:
    d = grim_trigger_threshold()
    return bool(_check_defection_dominant() and d.is_number and 0 < d < 1)


@misstatement(
    key="feasibility-h3",
    where="hypothesis 3",
    quote="the feasibility of the cooperative game can be verified",
    kind="condition",
    problem=("Comparing $CC$ with $NN$ shows that cooperation pays, not that it is feasible: each partner gains "
             "by defecting from $CC$."),
    correction="Cooperation is better for both, and feasible only with a binding agreement or enough patience.",
    evidence="$E_R^{NC} > E_R^{CC}$",
)
def _check_defector_vs_total() -> bool:
    g = two_action_game()
    return bool(S.positive(g["NC"][1] - g["CC"][1]) and S.positive(sum(g["CC"]) - sum(g["NC"])))


@misstatement(
    key="labels",
    where="§2.3",
    quote="*LM* represents the non-cooperative behavior.",
    kind="garbled",
    problem=("The sentence is cut: $LM$ is defined as non-cooperative behaviour, $LR$ is never defined, and the "
             "static game is called $NC$ here but $N$ in the equations, where $N$ is also Hypothesis 2's action."),
    correction=("$N$: simultaneous moves; $LM$: the SOE leads; $LR$: the grassroots organization leads; $C$: "
                "cooperation."),
    evidence="the four labels give four distinct outcomes; $LM$ and $LR$ are mirror images",
)
def _check_labels() -> bool:
    out = {LABELS[r]: S.derive(r) for r in REGIMES}
    pairs = {k: (o.m_M, o.m_R) for k, o in out.items()}
    distinct = len({tuple(sp.factor(v) for v in p) for p in pairs.values()}) == 4
    mirror = _zero(out["LM"].m_M - out["LR"].m_R) and _zero(out["LM"].m_R - out["LR"].m_M)
    return distinct and mirror


@misstatement(
    key="overall-14",
    where="before (14)",
    quote=("the common goal of local SOEs and grassroots organizations is to pursue the maximization of overall "
           "benefits in order to achieve Pareto optimality"),
    kind="method",
    problem=("Maximizing the overall benefit is cooperation. The leader and follower each maximize their own "
             "payoff, and their total is the lowest of all regimes."),
    correction="Each partner maximizes its own payoff; the leader anticipates the follower's response.",
    evidence="$m_M^{LM} + m_R^{LM}$ differs from the joint optimum; $E_T^C > E_T^{LM}$",
)
def _check_overall_before_14() -> bool:
    lm, c = S.derive("soe_leads"), S.derive("cooperative")
    return (not _zero(lm.m_M + lm.m_R - S.joint_maximum().s_star)) and bool(S.positive(c.E_T - lm.E_T))


@misstatement(
    key="recipe",
    where="before (14)",
    quote="differentiating Equations (12) and (13) respectively yields the following",
    kind="recipe",
    problem=("Differentiating each payoff in its owner's markup and solving both is the simultaneous-move recipe; "
             "it gives $(x - yh)/(3y)$, not (14)–(15)."),
    correction="Backward induction: substitute the follower's best response into (12), then maximize over $m_M$.",
    evidence="solving both first-order conditions gives $(x - yh)/(3y)$; backward induction gives (14)",
)
def _check_recipe() -> bool:
    # "differentiate (12) and (13)" and solve together: the simultaneous-move recipe
    E = S.payoffs()
    both = sp.solve([sp.diff(E["M"], m_M), sp.diff(E["R"], m_R)], [m_M, m_R], dict=True)[0]
    st = S.stackelberg("M").markups
    return (_zero(both[m_M] - S.A_IN_X / (3 * y)) and _zero(st[m_M] - S.A_IN_X / (2 * y))
            and not _zero(both[m_M] - st[m_M]))


@misstatement(
    key="attractive-18",
    where="after (18)",
    quote=("However, the payoffs for both parties will also affect the attractiveness of targeted poverty "
           "alleviation for impoverished groups."),
    kind="contradicted",
    problem=("Set after the remark that the leading SOE earns more, the sentence says that how the payoff is "
             "split changes what the programme offers the poor. In the model it does not: households face the "
             "price only, and the price, the quantity served and their surplus $S_B$ are the same whoever leads; "
             "only the split between the partners changes."),
    correction=("Which partner leads changes how the partners split the payoff, not what households face: the "
                "price, the quantity served and the beneficiaries' surplus are the same."),
    evidence=r"$P^{LM} = P^{LR}$, $Q^{LM} = Q^{LR}$, $S_B^{LM} = S_B^{LR}$, while $E_M^{LM} \ne E_M^{LR}$",
)
def _check_leader_irrelevant_to_households() -> bool:
    lm, lr = S.derive("soe_leads"), S.derive("grassroots_leads")
    same_for_households = all(_zero(getattr(lm, f) - getattr(lr, f)) for f in ("P", "Q", "S_B"))
    return same_for_households and not _zero(lm.E_M - lr.E_M)


@misstatement(
    key="from-19",
    where="after (19)",
    quote="Similarly, from Equation (19), it can be seen that",
    kind="wording",
    problem=("Equation (19) is a total, equal to (18); it cannot show how the payoff is split. The claim that the "
             "leading grassroots organization earns more is true but needs its individual payoffs, which are "
             "never printed."),
    correction="Derive $E_M^{LR}$ and $E_R^{LR}$; then $E_R^{LR} > E_M^{LR}$.",
    evidence="$E_T^{LR} = E_T^{LM}$ and $E_R^{LR} - E_M^{LR} > 0$",
)
def _check_split_not_in_19() -> bool:
    lr = S.derive("grassroots_leads")
    lm = S.derive("soe_leads")
    return _zero(lr.E_T - lm.E_T) and bool(S.positive(lr.E_R - lr.E_M))


@misstatement(
    key="attractive-19",
    where="after (19)",
    quote=("similarly, the payoff outcomes for both parties will affect the attractiveness of targeted poverty "
           "alleviation for impoverished groups"),
    kind="contradicted",
    problem=("As after (18): the grassroots organization's lead changes the split, not the price, the quantity "
             "served or the beneficiaries' surplus, which equal those under the SOE's lead."),
    correction="Whoever leads, households face the same price and are served in the same number.",
    evidence=r"$P^{LM} = P^{LR}$, $Q^{LM} = Q^{LR}$, $S_B^{LM} = S_B^{LR}$, while $E_M^{LM} \ne E_M^{LR}$",
)
def _check_attractive_19() -> bool:
    return _check_leader_irrelevant_to_households()   # the same check as 'attractive-18'


@misstatement(
    key="underived-20",
    where="(20)",
    quote="the overall payoff situation for targeted poverty alleviation under cooperative games is as follows",
    kind="omission",
    problem=("Equation (20) is printed with no step at all: the paper names the goal, the largest overall "
             "benefit, but not how (20) follows from it. Without the step the reader cannot see that joint "
             "maximization fixes only the sum $m_M + m_R$, nor check the denominator."),
    correction=("Write the joint payoff in the joint markup $s = m_M + m_R$, set its derivative to zero, $s^* = "
                "(x - yh)/(2y)$, and substitute."),
    evidence=("$E_M + E_R$ depends on $s = m_M + m_R$ only; its first-order condition gives $s^* = (x - "
              "yh)/(2y)$, the second derivative is negative, and the joint payoff at $s^*$ is (20) with $y$ for "
              "$v$"),
)
def _check_cooperative_derivation() -> bool:
    s = sp.Symbol("s", real=True)
    E = S.payoffs()
    joint = sp.expand(E["M"] + E["R"]).subs(m_M, s - m_R)     # the joint payoff in s and m_R
    only_sum = m_R not in sp.expand(joint).free_symbols
    s_star = _single(sp.solve(sp.diff(joint, s), s))
    concave = bool(sp.diff(joint, s, 2).is_negative)
    printed = next(e for e in equations() if e.number == "20").printed_value
    y_for_v = printed.subs(sp.Symbol("v"), y)
    return only_sum and concave and _zero(s_star - S.A_IN_X / (2 * y)) and _zero(joint.subs(s, s_star) - y_for_v)


@misstatement(
    key="more-feasible",
    where="§2.3.2",
    quote="it is more feasible for local SOEs and grassroots organizations to engage in cooperative games",
    kind="condition",
    problem=("The ranking shows that cooperation is more profitable, not that it is feasible: at the cooperative "
             "markups each partner gains by raising its own."),
    correction="Cooperation pays most in total; it needs a binding agreement or a repeated relationship.",
    evidence="$M$'s best response to the cooperative $m_R$ exceeds $m_M^C$ and pays more than $E_M^C$",
)
def _check_not_self_enforcing() -> bool:
    c = S.derive("cooperative")
    br = S.best_responses()["M"].subs(m_R, c.m_R)
    deviation = S.payoffs()["M"].subs({m_M: br, m_R: c.m_R})
    return bool(S.positive(br - c.m_M) and S.positive(deviation - c.E_M))


@misstatement(
    key="win-win",
    where="§2.3.2",
    quote="benefits that include both the individual payoffs of each party as well as the overall payoff",
    kind="condition",
    problem=("Only the total is derived. Each partner gains only for some splits, and an equal split leaves a "
             "leading SOE exactly as well off as before."),
    correction="Both gain over the Nash outcome if and only if the SOE's share lies in the interval computed here.",
    evidence="the share intervals against $N$ and $LM$; the equal split is the lower end against $LM$",
)
def _check_win_win() -> bool:
    lo_n, hi_n = share_interval("nash")
    lo_l, hi_l = share_interval("soe_leads")
    half = sp.Rational(1, 2)
    return bool(lo_n < half < hi_n and lo_l == half and lo_l < hi_l)


@misstatement(
    key="efforts",
    where="§3",
    quote="local SOEs and grassroots organizations tend to diffuse their efforts",
    kind="unsupported",
    problem=("The model has no effort. What it shows is that two markups stacked on one price raise the price and "
             "cut the quantity served."),
    correction="Without cooperation the price is higher and fewer households are served.",
    evidence="$P^N > P^C$ and $Q^N < Q^C$",
)
def _check_double_marginalization() -> bool:
    n, c = S.derive("nash"), S.derive("cooperative")
    return bool(S.positive(n.P - c.P) and S.positive(c.Q - n.Q))


@misstatement(
    key="fair-share",
    where="abstract, §3",
    quote="premised on the transferability of the utility of targeted poverty alleviation",
    kind="unsupported",
    problem=("The model derives no allocation, so it cannot show that the shares are fair; a bargaining rule "
             "would, and its answer depends on the fallback."),
    correction="Transferable utility makes any split possible; which split is fair needs a bargaining model.",
    evidence="the SOE's Nash-bargaining share is 1/2 with fallback $N$ and 5/8 with fallback $LM$",
)
def _check_fair_share() -> bool:
    def nash_bargaining_share(threat):   # the symmetric Nash bargaining solution of the core, w = 1/2
        d = derive_bargaining(threat)
        return sp.simplify(d.nash[0].subs(d.w, sp.Rational(1, 2)) / d.v["MR"])

    half, five_eighths = sp.Rational(1, 2), sp.Rational(5, 8)
    return nash_bargaining_share("nash") == half and nash_bargaining_share("soe_leads") == five_eighths


# ---------------------------------------------------------------------------------------------------------
# Notes


@note(
    key="complements",
    where="after (1)",
    quote="there exists a complementary relationship between the two",
    kind="note",
    problem="Holds: $Q = T_M T_R (x - yP)$, so raising $T_R$ raises the effect of $T_M$ on demand.",
    correction="",
    evidence=r"$\partial^2 Q/\partial T_M \partial T_R = Q/(T_M T_R) > 0$ wherever $Q > 0$",
)
def _check_complements() -> bool:
    Q = definitions()["Q(P)"]
    return _zero(sp.diff(Q, T_M, T_R) - Q / (T_M * T_R))


@note(
    key="hypothesis-3",
    where="hypothesis 3",
    quote="ERNC > ERCC > ERNN > ERCN",
    kind="note",
    problem=("Stated as an assumption, it is a result of the model for the two actions $C$ and $N$ used here "
             "(read $E_R^{NC}$ for “ERNC”, as the paper's own gloss does)."),
    correction="It holds for these two actions, not for every pair.",
    evidence="the four payoffs of $R$ ranked symbolically",
    transcription=("the transcription flattens the payoffs' subscripts and superscripts into one word (ERNC); the "
                   "note relies on the paper's gloss of the letters, not on their typesetting"),
)
def _check_hypothesis_3() -> bool:
    g = two_action_game()
    r = [g[k][1] for k in ("NC", "CC", "NN", "CN")]
    return all(S.positive(r[i] - r[i + 1]) for i in range(3))


@note(
    key="h-positive",
    where="hypothesis 4",
    quote="h(h>0)",
    kind="note",
    problem="A harmless assumption: every result depends on $h$ only through $x - yh$, and holds at $h = 0$.",
    correction=r"$h \ge 0$ suffices.",
    evidence="the ordering's ratios are free of $h$; $E_T^C > 0$ at $h = 0$",
    transcription=("the transcription reads “where h h(h>0) represents”; the doubled h is probably the "
                   "conversion's, and nothing here rests on it"),
)
def _check_h_zero() -> bool:
    return ranking().constant and all(h not in r.free_symbols for r in ranking().ratios.values()) \
        and bool(S.positive(ranking().totals["C"].subs(h, 0)))


@note(
    key="leader-more",
    where="after (18)",
    quote="the payoffs for local SOEs are greater than those for grassroots organizations",
    kind="note",
    problem="Holds, with the corrected (16) as with the printed one.",
    correction="",
    evidence="$E_M^{LM} - E_R^{LM} > 0$",
)
def _check_leader_earns_more() -> bool:
    lm = S.derive("soe_leads")
    return bool(S.positive(lm.E_M - lm.E_R))


@note(
    key="total-only",
    where="(20)",
    quote="the overall payoff situation for targeted poverty alleviation",
    kind="note",
    problem="Only the total is reported, rightly: joint maximization fixes only $m_M + m_R$.",
    correction="",
    evidence="the joint payoff depends on $m_M + m_R$ only",
)
def _check_only_total() -> bool:
    return _check_joint_split()


@note(
    key="ordering",
    where="§2.3.2",
    quote="the total payoff for targeted poverty alleviation is the lowest",
    kind="note",
    problem="Holds for every valid parameter set: the totals are 3/4, 3/4, 8/9 and 1 times $E_T^C$.",
    correction="",
    evidence="$E_T / E_T^C$ is a constant for each regime",
)
def _check_ranking() -> bool:
    r = ranking()
    return r.ratios == {"N": sp.Rational(8, 9), "LM": sp.Rational(3, 4), "LR": sp.Rational(3, 4), "C": 1}


@note(
    key="second-order",
    where="(6) and (14)",
    quote="differentiating",
    kind="note",
    problem="The paper never checks that its first-order conditions give maxima; they do.",
    correction="",
    evidence=r"$\partial^2 E_i/\partial m_i^2 = -2 T_M T_R\, y < 0$",
)
def _check_socs() -> bool:
    return all(v.is_negative for v in S.second_order_conditions().values())

