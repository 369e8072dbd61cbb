"""Public reports (laporan masyarakat): form, receipt code, status page."""
