"""Users, their role and agency, login, and the access helpers every view uses."""
