"""Hooks for every pytest run of this repository.

The browser suite has its own fixtures in tests/browser/conftest.py."""

from hypothesis import settings

# `make check`, the fast inner loop, runs with --hypothesis-profile=check: at most this many examples per property
# (see pytest_collection_modifyitems). `make test` and a plain `pytest` keep every test's own count.
settings.register_profile("check", max_examples=10)

# Modules whose doctests import axelrod (about 9 s per process): slow, like tests/test_tournament.py.
SLOW_DOCTEST_MODULES = ("src/soe_grassroots/tournament.py",)


def pytest_collection_modifyitems(config, items):
    """Mark the slow doctests; under the ``check`` Hypothesis profile, cap every property's examples.

    A profile only changes Hypothesis's defaults, and almost every property here sets its own ``max_examples``
    with ``@settings``, so the ``check`` profile alone would change nothing. Here each test's settings are
    replaced by a copy with ``max_examples`` at most the profile's, the way Hypothesis's own pytest plugin
    adjusts a test's settings (``_hypothesis_internal_use_settings``) before it runs."""
    import pytest

    for item in items:
        if item.nodeid.startswith(SLOW_DOCTEST_MODULES):
            item.add_marker(pytest.mark.slow)
    if config.getoption("hypothesis_profile", None) != "check":
        return
    cap = settings.get_profile("check").max_examples
    for item in items:
        test = getattr(getattr(item, "obj", None), "__func__", getattr(item, "obj", None))
        own = getattr(test, "_hypothesis_internal_use_settings", None)
        if own is not None and own.max_examples > cap:
            test._hypothesis_internal_use_settings = settings(own, max_examples=cap)


def pytest_xdist_make_scheduler(config, log):
    """With ``-n`` and the default ``--dist load``: every test on its own, as ``load`` does, except nbval's cells,
    which share their notebook's kernel and so must run in order on one worker: one unit per notebook.

    ``make test`` runs the unit tests and nbval in one pytest-xdist session, so the two cores stay busy to the end
    instead of waiting for the longest notebook of a separate nbval run. (xdist's own ``--dist loadgroup`` cannot
    do this here: it writes the group into ``item._nodeid``, which pytest 9.2 no longer reads.)"""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class NotebookScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return path if path.endswith(".ipynb") else nodeid

    return NotebookScheduling(config, log)
