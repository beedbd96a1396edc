"""Text analysis that rules of every family share, one module per concern.

``analysis``: a document's ``Analysis`` (sentences, words, protected spans, phrase matches,
computed once per document, reached as ``ctx.analysis``); ``tokens``: the one word tokeniser;
``spans``: URLs, e-mail addresses and domain names, where no rule reports; ``scan``: what runs
over prose outside them; ``words``: content stems and function words for the rules that compare
what sentences say. Splitting text into sentences is in ``artlint.segment``, phrase matching in
``artlint.lexicon``.
"""
