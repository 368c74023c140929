"""The "what if" read from query parameters (the regional page's GET form and the API):

    exclude=<innovation id>                 leave an entry out (repeatable)
    add=<innovation id>                     count a candidate as if reported
    raise=<number>[:<level>]                raise an indicator for every counted innovation
                                            (level 3 unless given)
    improve=<innovation id>:<number>[:<level>]  raise one innovation's indicator

Malformed values are ignored: a what-if is exploration, not a form to be corrected.
"""

from .enums import INNOVATION_INDICATORS, LEVELS, MAX_LEVEL
from .estimate import WhatIf


def _ints(text):
    try:
        return [int(part) for part in text.split(":")]
    except ValueError:
        return None


def _level(parts, index):
    level = parts[index] if len(parts) > index else MAX_LEVEL
    return level if level in LEVELS else None


def parse_what_if(params):
    exclude = {int(v) for v in params.getlist("exclude") if v.isdigit()}
    add = {int(v) for v in params.getlist("add") if v.isdigit()}
    raise_all = {}
    for value in params.getlist("raise"):
        parts = _ints(value)
        if parts and parts[0] in INNOVATION_INDICATORS and _level(parts, 1) is not None:
            raise_all[parts[0]] = _level(parts, 1)
    improve = set()
    for value in params.getlist("improve"):
        parts = _ints(value)
        if parts and len(parts) >= 2 and parts[1] in INNOVATION_INDICATORS:
            level = _level(parts, 2)
            if level is not None:
                improve.add((parts[0], parts[1], level))
    return WhatIf(
        exclude=frozenset(exclude),
        add=frozenset(add),
        raise_all=tuple(sorted(raise_all.items())),
        improve=tuple(sorted(improve)),
    )
