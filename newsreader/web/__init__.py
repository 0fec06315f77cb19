"""Read the whole story: fetch an article's web page and extract its text and metadata."""
