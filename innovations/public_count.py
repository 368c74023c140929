"""How many innovations the whole public catalogue lists, cached while no innovation changes.

The catalogue page and the public API count their list for the pagination. Unfiltered (their
most visited form, and the benchmark's), that count read every launched innovation's index
entry: 34,000 at 100,000 innovations, 4-10 ms a request, the only part of either page that grew
with the region (docs/decisions.md, "The public catalogue at 100,000 innovations"). The number
changes only when an innovation is saved or deleted, so it is cached under the version every
such write replaces, the one the compliance counts use (`innovations.written`), read before
counting. Writes that bypass model signals (the demo seeder's `bulk_create`) show within
`TIMEOUT`. A filtered list is counted as before.
"""

from django.core.cache import cache

from . import written
from .enums import Status
from .models import Innovation

TIMEOUT = written.TIMEOUT


def launched_count():
    """The number of launched innovations (what `public_innovations()` lists unfiltered)."""
    key = f"katalog:launched-count:{written.current_version()}"
    count = cache.get(key)
    if count is None:
        count = Innovation.objects.filter(status=Status.LAUNCHED).count()
        cache.set(key, count, TIMEOUT)
    return count


def known_count(params, filterset_class):
    """The cached count when `params` (a request's GET) filter nothing, else None: the list is
    then counted with its filters. Any value given to a filter, even one that filters nothing
    in the end (spaces), is counted the usual way."""
    if any(params.get(name) for name in filterset_class.base_filters):
        return None
    return launched_count()
