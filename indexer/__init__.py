"""archive-search indexer: from a folder of documents to a faceted passage index."""
