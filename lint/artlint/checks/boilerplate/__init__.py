"""Boilerplate rules (BP): page-template text left inside an article."""
