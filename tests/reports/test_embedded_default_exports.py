"""The exports and the launch JSON on the embedded default (SQLite), which `make run` uses.

The suite runs on PostgreSQL; the export rows join the innovators' names with SQL of each
database's own (JSON functions differ), so this case migrates a throw-away SQLite database in a
fresh interpreter and reads the rows through the same functions the exports call.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

READ_ROWS = """
import json
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from accounts.models import Unit, User
from innovations.models import Cycle, Innovation, Innovator
from reports.launch import report_body
from reports.rows import innovation_rows
unit = Unit.objects.order_by("pk").first()  # the reference units come with the migrations
admin = User.objects.create_user(
    email="admin@intan.test", password="x", role="admin", full_name="Admin"
)
cycle, _ = Cycle.objects.get_or_create(year=2025, defaults=Cycle.defaults_for_year(2025))
innovation = Innovation.objects.create(
    cycle=cycle, unit=unit, year=2025, code="INV-2025-0001", title="Posyandu Digital",
    status="launched",
)
for position, name in ((2, "Siti"), (1, "Ahmad")):
    Innovator.objects.create(innovation=innovation, position=position, name=name)
rows = list(innovation_rows(Innovation.objects.all()))
body = report_body(cycle=cycle, user=admin)
read = {"csv_innovators": rows[0][11], "launch": body["innovations"], "total": body["total"]}
from innovations.enums import Status
read["status_shown"], read["status_label"] = rows[0][6], str(Status.LAUNCHED.label)
from innovations.models import InnovatorNames
names = lambda: json.loads(InnovatorNames.objects.get(innovation=innovation).names)
read["names_kept"] = names()
Innovator.objects.filter(name="Siti").update(name='Siti "Ida"', position=0)
read["names_renamed"] = names()
Innovator.objects.filter(name="Ahmad").delete()
read["names_deleted"] = names()
pk = innovation.pk
innovation.delete()
read["names_gone"] = not InnovatorNames.objects.filter(innovation_id=pk).exists()
print(json.dumps(read))
"""


def test_export_rows_and_launch_json_on_sqlite(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "intan_banjar.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'embedded.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", READ_ROWS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )

    assert result.returncode == 0, result.stderr[-3000:]
    read = json.loads(result.stdout.strip().splitlines()[-1])
    assert read["csv_innovators"] == "Ahmad; Siti"
    assert read["status_shown"] == read["status_label"] != "launched"
    assert read["total"] == 1
    assert read["launch"][0]["innovators"] == ["Ahmad", "Siti"]
    assert read["launch"][0]["code"] == "INV-2025-0001"
    # The innovators' names table is kept by SQLite triggers too (migration innovations 0014).
    assert read["names_kept"] == ["Ahmad", "Siti"]
    assert read["names_renamed"] == ['Siti "Ida"', "Ahmad"]
    assert read["names_deleted"] == ['Siti "Ida"']
    assert read["names_gone"] is True
