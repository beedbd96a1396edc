"""Text analysis that rules of every family share, one module per concern.

``spans``: URLs, e-mail addresses and domain names, where no rule reports; ``scan``: running a
pattern over prose outside them (``prose_matches``); ``words``: words, content stems and
function words for the rules that compare what sentences say. Sentences and word tokens are in
``artlint.segment``, phrase matching in ``artlint.lexicon``.
"""
