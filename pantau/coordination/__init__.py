"""Coordinated posting: accounts that post the same text or link together."""
