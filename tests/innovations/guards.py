"""Test helpers around the workflow's guard registry (`innovations.workflow.register_guard`).

Production only ever adds guards (in the apps' `ready()`); tests take them away again.
"""

from contextlib import contextmanager

from innovations import workflow


def unregister_guard(action, fn):
    if fn in workflow._guards[action]:
        workflow._guards[action].remove(fn)


@contextmanager
def isolated_guards():
    """Run with no registered guards (tests of the table itself), restoring them afterwards."""
    saved = {action: list(fns) for action, fns in workflow._guards.items()}
    workflow._guards.clear()
    try:
        yield
    finally:
        workflow._guards.clear()
        workflow._guards.update(saved)
