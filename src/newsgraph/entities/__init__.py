"""Entities: in-document mentions and name coreference, cross-document resolution."""
