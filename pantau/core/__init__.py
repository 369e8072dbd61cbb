"""The shell every page shares: layout, home, health check, the `pantau` command's office-wide commands."""
