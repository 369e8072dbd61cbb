"""Classification of posts in Indonesian: normaliser, model, lexicons, review."""
