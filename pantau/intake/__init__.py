"""Posts from social media: importers of platform exports and manual capture."""
