"""Dashboards, exports, positive information and alerts."""
