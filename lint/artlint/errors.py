"""Errors that end a run (or one file) with a one-line message and exit status 2."""

from __future__ import annotations


class ArtlintError(Exception):
    """Base class: ``str(error)`` is the whole user-facing message."""


class InputError(ArtlintError):
    """A file cannot be read or decoded."""


class ConfigError(ArtlintError):
    """A configuration file or option is invalid; the message names the file and the key."""

    def __init__(self, source: str, key: str, problem: str) -> None:
        self.source, self.key, self.problem = source, key, problem
        where = f"{source}: {key}: " if key else f"{source}: "
        super().__init__(where + problem)


class RuleDefinitionError(ArtlintError):
    """A rule file or rule class is invalid; the message names the file."""


class RuleTimeout(ArtlintError):
    """A rule's pattern ran past its time budget."""


class MissingExtra(ArtlintError):
    """A feature needs a package that only one of artlint's extras installs."""

    def __init__(self, feature: str, package: str, extra: str) -> None:
        super().__init__(f"{package} is not installed: pip install 'artlint[{extra}]' (for {feature})")


class Cancelled(Exception):
    """A check was stopped by its caller's cancellation token (the language server's, when a newer
    version or closing the document supersedes it); not an ArtlintError: nothing is reported."""
