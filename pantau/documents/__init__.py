"""Official letters and reports as PDF and DOCX."""
