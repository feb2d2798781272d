"""The Whoosh engine: a passage index in Whoosh, searched with numpy arrays over its postings."""
