"""Grammar and spelling: the findings of a grammar back end (Harper or LanguageTool), one rule per category."""
