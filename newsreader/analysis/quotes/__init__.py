"""Quotations and who said them (``find.find_quotes``): quote marks, speech verbs, speakers."""
