"""Innovation codes (INV-2025-0042): one per innovation, never reused, safe under concurrency."""

import re

from django.apps import apps
from django.db import connection, models, transaction
from django.utils.translation import gettext_lazy as _

CODE_PREFIX = "INV"
CODE_PATTERN = re.compile(r"INV-(?P<year>\d{4})-(?P<number>\d{4,})")


def format_code(year, number):
    return f"{CODE_PREFIX}-{year}-{number:04d}"


class InnovationCodeCounter(models.Model):
    """The last code number handed out per year: one row locked per allocation.

    A counter row (rather than max(code)+1) keeps allocation correct under concurrent creates on
    PostgreSQL, and it works on SQLite too, where writes are serialised anyway.
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("innovation code counter")
        verbose_name_plural = _("innovation code counters")

    def __str__(self):
        return f"{self.year}: {self.last_number}"


def _highest_existing_number(year):
    prefix = f"{CODE_PREFIX}-{year}-"
    highest = 0
    innovations = apps.get_model("innovations", "Innovation").objects  # defined after this module
    for code in innovations.filter(code__startswith=prefix).values_list("code", flat=True):
        suffix = code[len(prefix) :]
        if suffix.isdigit():
            highest = max(highest, int(suffix))
    return highest


def _advance(year, count):
    """The year's counter moved on by `count` in one statement (the UPDATE locks the row until
    the transaction ends, as SELECT ... FOR UPDATE would); its new value, None without a row."""
    table, number, year_column = (
        connection.ops.quote_name(name)
        for name in (InnovationCodeCounter._meta.db_table, "last_number", "year")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {number} = {number} + %s WHERE {year_column} = %s "  # noqa: S608
            f"RETURNING {number}",
            [count, year],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def allocate_codes(year, count=1):
    """Reserve `count` consecutive codes for `year` (bulk creators such as seed_demo use it too)."""
    last = _advance(year, count)
    if last is not None:
        first = last - count + 1
        return [format_code(year, n) for n in range(first, first + count)]
    with transaction.atomic():
        counter, created = InnovationCodeCounter.objects.select_for_update().get_or_create(
            year=year, defaults={"last_number": 0}
        )
        if created:
            # Codes may already exist (an import that brought its own codes): never reuse them.
            counter.last_number = _highest_existing_number(year)
        first = counter.last_number + 1
        counter.last_number += count
        counter.save(update_fields=["last_number"])
    return [format_code(year, n) for n in range(first, first + count)]


def reserve_code(code):
    """A code given from outside (an import) is never handed out again by `allocate_codes`."""
    match = CODE_PATTERN.fullmatch(code or "")
    if not match:
        return
    year, number = int(match["year"]), int(match["number"])
    with transaction.atomic():
        counter, _ = InnovationCodeCounter.objects.select_for_update().get_or_create(
            year=year, defaults={"last_number": _highest_existing_number(year)}
        )
        if counter.last_number < number:
            counter.last_number = number
            counter.save(update_fields=["last_number"])
