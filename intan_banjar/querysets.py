"""Reading rows for a write (locked, fresh), and large querysets in constant memory."""

import gc
import itertools

from django.db import models
from django.db.models import prefetch_related_objects


class LockingQuerySet(models.QuerySet):
    """For services that read, check and write one row: `Model.objects.locked(pk)`."""

    # Related rows a service reads with the locked row (read along, never locked themselves).
    lock_related = ()

    def locked(self, pk):
        """The row as it is now, locked until the transaction ends (SELECT ... FOR UPDATE OF the
        model's own table): another request may have changed it since the caller loaded it."""
        queryset = self.select_for_update(of=("self",))
        if self.lock_related:
            queryset = queryset.select_related(*self.lock_related)
        return queryset.get(pk=pk)


def iterate_prefetched(queryset, chunk_size=2000, prepare=None):
    """Like `queryset.iterator(chunk_size)`, but only one chunk of rows is alive at a time.

    Prefetched children point back at their parent (a reference cycle), so rows that Django's
    own iterator() has finished with wait for a full garbage collection: at 100,000 innovations
    an export held them all (about 300 MB). Collecting after each chunk keeps the memory flat.
    `prepare(chunk)`, if given, runs on each chunk after its prefetches.
    """
    lookups = queryset._prefetch_related_lookups
    rows = queryset.prefetch_related(None).iterator(chunk_size=chunk_size)
    for batch in itertools.batched(rows, chunk_size):
        chunk = list(batch)
        prefetch_related_objects(chunk, *lookups)
        if prepare is not None:
            prepare(chunk)
        yield from chunk
        del batch, chunk
        gc.collect()
