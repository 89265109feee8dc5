"""Readers: turn paths (files, folders, stdin) into RawDocuments or recorded failures."""

from newsgraph.ingest.readers import read_inputs

__all__ = ["read_inputs"]
