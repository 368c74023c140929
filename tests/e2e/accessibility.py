"""What the accessibility journeys share: a portal with something on every main page, and axe-core.

axe-core comes from the local npm package (package-lock.json, `make e2e-deps`), never a CDN. It is
evaluated through the DevTools protocol (`page.evaluate`), which the page's content-security policy
does not govern, so the policy stays as strict as users get it.
"""

import datetime
from pathlib import Path

import pytest

from accounts.enums import Role
from agreements.enums import AgreementStatus
from innovations.checks import region_today
from innovations.enums import Action, Status
from innovations.services import innovation_transition
from tests.agreements.factories import AgreementFactory
from tests.curation.factories import CuratorFactory
from tests.factories import UnitFactory, UserFactory
from tests.innovations.factories import InnovationFactory, open_cycle

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}

# Rules that fail a page whatever impact axe gives them (duplicate-id is off by default in axe 4).
ALWAYS_FAIL = {"color-contrast", "label", "button-name", "link-name", "image-alt", "duplicate-id"}
FAILING_IMPACTS = {"serious", "critical"}

RUN_AXE = """
async () => {
  const results = await axe.run(document, {
    rules: {"duplicate-id": {enabled: true}},
    resultTypes: ["violations"],
  });
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " :: " + n.failureSummary),
  }));
}
"""

# How much wider than the window the document is, and the outermost elements that stick out
# (an element inside a scrolling box that itself fits, like .table-responsive, is no culprit).
OVERFLOW = """
() => {
  const limit = document.documentElement.clientWidth + 1;
  const clipped = (el) => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== "visible") {
        return up.getBoundingClientRect().right <= limit;
      }
    }
    return false;
  };
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (typeof el.className === "string" && el.className.trim()
      ? "." + el.className.trim().split(/\\s+/).join(".") : "") +
    " right=" + Math.round(el.getBoundingClientRect().right);
  const out = [...document.querySelectorAll("body *")].filter(
    (el) => el.getBoundingClientRect().right > limit && !clipped(el));
  const outermost = out.filter((el) => !out.includes(el.parentElement));
  return [document.documentElement.scrollWidth, document.documentElement.clientWidth,
          outermost.slice(0, 6).map(describe)];
}
"""


def axe_source():
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make e2e-deps` (npm ci installs axe-core)")
    return AXE.read_text(encoding="utf-8")


def axe_violations(page):
    """The violations that fail a page: serious or critical ones, and the named rules always."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    violations = page.evaluate(RUN_AXE)
    return [v for v in violations if v["impact"] in FAILING_IMPACTS or v["id"] in ALWAYS_FAIL]


def overflow(page):
    """None when the page fits its window, else a description of what sticks out."""
    width, window, culprits = page.evaluate(OVERFLOW)
    if width <= window:
        return None
    return f"{page.url} is {width}px wide in a {window}px window: {culprits}"


class Portal:
    """One person of each role and something to show on every page they use."""

    def __init__(self):
        self.cycle = open_cycle()
        self.unit = UnitFactory(name="Dinas Komunikasi, Informatika dan Persandian")
        self.operator = UserFactory(role=Role.OPERATOR, unit=self.unit, full_name="Siti Operator")
        self.head = UserFactory(role=Role.HEAD, unit=self.unit, full_name="Ahmad Kepala")
        self.curator = CuratorFactory(full_name="Kurator Utama", is_lead=True)
        self.admin = UserFactory(role=Role.ADMIN, full_name="Admin Bappedalitbang")
        self.leader = UserFactory(role=Role.LEADER, full_name="Bupati Banjar")
        self.draft = InnovationFactory(unit=self.unit, cycle=self.cycle, title="Sistem Antrean")
        self.submitted = InnovationFactory(
            unit=self.unit,
            cycle=self.cycle,
            title="Layanan Administrasi Kependudukan Keliling Desa Terpencil Berbasis Aplikasi",
        )
        innovation_transition(innovation=self.submitted, action=Action.SUBMIT, by=self.operator)
        self.launched = InnovationFactory(
            unit=self.unit, cycle=self.cycle, status=Status.LAUNCHED, title="Kampung Patin Digital"
        )
        for index in range(3):
            other = UnitFactory(name=f"Kecamatan Sungai Tabuk Bagian {index}")
            InnovationFactory(unit=other, cycle=self.cycle, status=Status.SUBMITTED)
        self.agreement = AgreementFactory(
            unit=self.unit,
            cycle=self.cycle,
            status=AgreementStatus.SIGNED,
            signed_on=region_today(),
            signed_at=datetime.datetime.combine(region_today(), datetime.time(9), datetime.UTC),
            planned_titles=["Sistem Antrean"],
        )

    def people(self):
        return {
            "operator": self.operator,
            "head": self.head,
            "curator": self.curator,
            "admin": self.admin,
            "leader": self.leader,
        }
