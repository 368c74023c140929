"""The "what if" read from query parameters (the regional page's GET form and the API):

    exclude=<innovation id>                 leave an entry out (repeatable)
    add=<innovation id>                     count a candidate as if reported
    raise=<number>[:<level>]                raise an indicator for every counted innovation
                                            (level 3 unless given)
    improve=<innovation id>:<number>[:<level>]  raise one innovation's indicator
    region=<number>[:<level>]               raise a region indicator (level 3 unless given)

Malformed values are ignored: a what-if is exploration, not a form to be corrected. Indicator
numbers are those the shipped editions use (16-35 for innovations, 1-15 for the region); a
number the cycle's rules lack changes nothing.
"""

from .enums import INNOVATION_INDICATORS, LEVELS, MAX_LEVEL, REGION_INDICATORS
from .estimate import WhatIf


def _ints(text):
    try:
        return [int(part) for part in text.split(":")]
    except ValueError:
        return None


def _level(parts, index):
    level = parts[index] if len(parts) > index else MAX_LEVEL
    return level if level in LEVELS else None


def _raises(values, numbers):
    found = {}
    for value in values:
        parts = _ints(value)
        if parts and parts[0] in numbers and _level(parts, 1) is not None:
            found[parts[0]] = _level(parts, 1)
    return tuple(sorted(found.items()))


def parse_what_if(params):
    exclude = {int(v) for v in params.getlist("exclude") if v.isdigit()}
    add = {int(v) for v in params.getlist("add") if v.isdigit()}
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
        raise_all=_raises(params.getlist("raise"), INNOVATION_INDICATORS),
        improve=tuple(sorted(improve)),
        region=_raises(params.getlist("region"), REGION_INDICATORS),
    )
