import rules

from accounts.rules import is_admin, is_curator, is_region_viewer

# The region's reports (dashboard, launch report and its exports): Bappedalitbang and leaders.
may_view_reports = is_region_viewer
# The launch event and launching innovations are Bappedalitbang's.
may_manage_launch = is_admin
# Every review and score of a cycle: for curators and admins, never for units (nor leaders).
may_export_reviews = is_curator | is_admin

rules.add_perm("reports.view_launch_report", may_view_reports)
rules.add_perm("reports.view_dashboard", may_view_reports)
rules.add_perm("reports.manage_launch", may_manage_launch)
