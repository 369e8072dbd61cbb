"""People outside the office: group admins and others the pokja invites, and what they committed to."""
