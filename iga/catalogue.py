"""The first release's IID catalogue (indicators 16-35), `iga/data/iid_indicators.csv`.

Superseded by the yearly rules editions (`iga/data/rules-*.json`, `iga.yearly`): new cycles load
those. This reader stays for the data migrations that ran it (`iga.0002` loaded it into the
cycles of the time; `iga.0004` recognises rows still exactly as shipped, to give them the
edition's Indonesian texts). Its level texts are partly English and its weights unconfirmed.
"""

import csv
from decimal import Decimal
from pathlib import Path

CATALOGUE_CSV = Path(__file__).resolve().parent / "data" / "iid_indicators.csv"
LEVEL_SEPARATOR = " / "


def split_levels(parameters):
    """The three level descriptions of a `parameters` text ("a / b / c").

    A text that does not split into exactly three parts stays whole as the level 1 description,
    with levels 2 and 3 left blank for an admin to fill in.
    """
    parts = [part.strip() for part in (parameters or "").split(LEVEL_SEPARATOR)]
    if len(parts) == 3 and all(parts):
        return parts
    return [(parameters or "").strip(), "", ""]


def _records():
    """The CSV's records as dicts.

    A `parameters` text with unquoted commas (indicator 33 in the shipped file) spreads over
    several columns: everything between `max_score` and the last column (`mandatory`) is joined
    back together.
    """
    with CATALOGUE_CSV.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        width = len(header)
        for values in reader:
            if not values:
                continue
            if len(values) > width:
                extra = len(values) - width
                joined = ",".join(values[width - 2 : width - 1 + extra])
                values = [*values[: width - 2], joined, values[-1]]
            yield dict(zip(header, values, strict=True))


def default_rows():
    """The catalogue as dicts ready for `Indicator(**row)`."""
    rows = []
    for record in _records():
        level_1, level_2, level_3 = split_levels(record["parameters"])
        weight = Decimal(record["weight"])
        rows.append(
            {
                "number": int(record["number"]),
                "name": record["name"].strip(),
                "weight": weight,
                "max_score": weight * 3,
                "parameters": record["parameters"].strip(),
                "level_1": level_1,
                "level_2": level_2,
                "level_3": level_3,
                "mandatory": record["mandatory"].strip().lower() in ("yes", "true", "1"),
            }
        )
    return rows


def load_default_catalogue(cycle_id, indicator_model):
    """Give the cycle the default indicators it lacks; existing (edited) rows stay as they are.

    Takes the model class so the data migration can pass its historical model.
    """
    present = set(
        indicator_model.objects.filter(cycle_id=cycle_id).values_list("number", flat=True)
    )
    missing = [row for row in default_rows() if row["number"] not in present]
    return indicator_model.objects.bulk_create(
        indicator_model(cycle_id=cycle_id, **row) for row in missing
    )
