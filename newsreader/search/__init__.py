"""Search: the query language, the inverted index behind search-as-you-type, the match spans
the reader highlights."""
