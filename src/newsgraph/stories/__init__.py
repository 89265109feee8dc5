"""Stories: online clustering of articles, cross-article event merging."""
