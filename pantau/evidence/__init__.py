"""Evidence files kept by SHA-256 with an append-only hash-chained log."""
