"""Typography: spacing around words and punctuation, and quotation-mark style."""
