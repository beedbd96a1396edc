"""Contradiction and consistency: an article that disagrees with itself (forms, figures, days, claims)."""
