"""The working group: agencies' meetings, decisions and action items."""
