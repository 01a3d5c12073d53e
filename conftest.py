"""Hooks for every pytest run of this repository.

The browser suite has its own fixtures in tests/browser/conftest.py."""


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
