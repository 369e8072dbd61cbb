"""Case handling (penanganan pelanggaran) with statutory deadlines."""
