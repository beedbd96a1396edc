"""Rules written in Python, one module per rule; ``CODE_RULES`` lists them for the registry.

Start-up counts: every ``artlint check`` imports every module here, so a rule's private value
types are ``NamedTuple``s (a frozen dataclass costs about 1 ms to create at import, a NamedTuple
0.2 ms), and module-level patterns are compiled once at import (see ``artlint.patterns``).
"""

from __future__ import annotations

from artlint.checks.boilerplate.html_template import HTML_RULES
from artlint.checks.boilerplate.shape import TemplateShape
from artlint.checks.boilerplate.site_template import SiteTemplate
from artlint.checks.boilerplate.template_block import TemplateBlock
from artlint.checks.boilerplate.title_suffix import TitleSuffix
from artlint.checks.consistency.claims import ContradictingClaims
from artlint.checks.consistency.compound_variants import CompoundVariants
from artlint.checks.consistency.date_order import DateOutOfOrder
from artlint.checks.consistency.event_days import ConflictingEventDays
from artlint.checks.consistency.figures import ConflictingFigures
from artlint.checks.consistency.hedging import ContradictoryHedging
from artlint.checks.consistency.name_variants import NameVariants
from artlint.checks.consistency.percent_style import PercentStyle
from artlint.checks.consistency.spelling_dialect import MixedSpellingDialect
from artlint.checks.consistency.weekday_date import WeekdayDateMismatch
from artlint.checks.grammar.agreement import GrammarError
from artlint.checks.grammar.capitalization import Capitalization
from artlint.checks.grammar.punctuation import Punctuation
from artlint.checks.grammar.spelling import Spelling
from artlint.checks.grammar.style import Style
from artlint.checks.grammar.word_choice import WordChoice
from artlint.checks.translation.brackets import UnbalancedBrackets
from artlint.checks.translation.clause_restart import ClauseRestart
from artlint.checks.translation.control_characters import ControlCharacter
from artlint.checks.translation.dangling_end import DanglingEnd
from artlint.checks.translation.demonym_place import DemonymAsPlace
from artlint.checks.translation.digit_grouping import DigitGrouping
from artlint.checks.translation.foreign_language import ForeignLanguage
from artlint.checks.translation.foreign_punctuation import ForeignPunctuation
from artlint.checks.translation.foreign_script import ForeignScript
from artlint.checks.translation.french_spacing import FrenchSpacing
from artlint.checks.translation.html_entities import HtmlEntity
from artlint.checks.translation.invisible_characters import InvisibleCharacter
from artlint.checks.translation.markup_tags import MarkupTag
from artlint.checks.translation.mojibake import Mojibake
from artlint.checks.translation.number_format import ContinentalNumber
from artlint.checks.translation.placeholders import Placeholder
from artlint.checks.translation.quotes import UnbalancedQuotes
from artlint.checks.translation.repeated_paragraph import RepeatedParagraph
from artlint.checks.translation.repeated_phrase import RepeatedPhrase
from artlint.checks.translation.repeated_sentence import RepeatedSentence
from artlint.checks.translation.repeated_word import RepeatedWord
from artlint.checks.translation.unterminated_paragraph import UnterminatedParagraph
from artlint.checks.typography.doubled_space import DoubledSpace
from artlint.checks.typography.glued_words import GluedWords
from artlint.checks.typography.missing_space import MissingSpaceAfterPunctuation
from artlint.checks.typography.mixed_quotes import MixedQuoteStyles
from artlint.checks.typography.padded_marks import PaddedMarks
from artlint.checks.typography.space_before_punctuation import SpaceBeforePunctuation
from artlint.rule import Rule

CODE_RULES: tuple[type[Rule], ...] = (
    RepeatedWord, RepeatedPhrase, RepeatedSentence, RepeatedParagraph, UnbalancedQuotes, UnbalancedBrackets,
    ClauseRestart, DanglingEnd, UnterminatedParagraph, DemonymAsPlace,
    MixedSpellingDialect,
    TemplateBlock, TitleSuffix, TemplateShape, *HTML_RULES, SiteTemplate,
    NameVariants, CompoundVariants, PercentStyle,
    ConflictingFigures,
    ForeignPunctuation, FrenchSpacing, ForeignScript, ForeignLanguage, ContinentalNumber, DigitGrouping, Placeholder, HtmlEntity,
    MarkupTag, Mojibake, InvisibleCharacter, ControlCharacter,
    DoubledSpace, SpaceBeforePunctuation, MissingSpaceAfterPunctuation, MixedQuoteStyles, PaddedMarks,
    GluedWords,
    Spelling, GrammarError, WordChoice, Punctuation, Capitalization, Style,
    WeekdayDateMismatch,
    ConflictingEventDays,
    DateOutOfOrder,
    ContradictingClaims,
    ContradictoryHedging,
)
