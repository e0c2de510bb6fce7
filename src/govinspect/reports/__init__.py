"""Report formatters: JSON (contract §3), Markdown and HTML for site editors, and a plain summary.

>>> write_json(report, sys.stdout)                      # what scripts read
>>> html = render_html(report, evidence_href=lambda record_id: f"evidence/{name_of(record_id)}")
"""

from govinspect.reports.html import render_html
from govinspect.reports.json_report import report_to_dict, write_json
from govinspect.reports.markdown import render_markdown
from govinspect.reports.summary import render_summary

__all__ = ["render_html", "render_markdown", "render_summary", "report_to_dict", "write_json"]
