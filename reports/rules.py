import rules

from accounts.rules import is_admin, is_region_viewer

rules.add_perm("reports.view_launch_report", is_region_viewer)
rules.add_perm("reports.view_dashboard", is_region_viewer)
rules.add_perm("reports.manage_launch", is_admin)
