"""``newsdistill report``: one self-contained HTML page about the warehouse (inline SVG and CSS, a few lines of
script to sort the sites table, nothing fetched from the network), its numbers queried from the views."""

from warehouse.report.data import ReportData, Scope, collect
from warehouse.report.page import render, write_report

REPORT_FILE = "report.html"  # the report each ingest writes into a local warehouse's folder

__all__ = ["REPORT_FILE", "ReportData", "Scope", "collect", "render", "write_report"]
