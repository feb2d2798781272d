"""Facet extractors: date, speakers, topics, document type, source and title.

One module per facet, each holding pure functions over blocks, passages and
metadata; the vocabularies they use are the librarian-editable files
``corpus/*.yaml`` (see ``vocab.py``), loaded together by ``indexer.vocabularies``.
Librarian metadata always wins over extraction.
"""
