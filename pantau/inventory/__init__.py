"""Accounts, groups and channels under watch, their admins, aliases and status."""
