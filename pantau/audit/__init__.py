"""The office's audit log: one append-only, hash-chained record of what people did that matters later.

Other apps call `pantau.audit.log.record(actor, action, target=None, **details)`; nothing else writes it.
"""
