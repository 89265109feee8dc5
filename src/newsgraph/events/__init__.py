"""Events: PLOVER ontology, the YAML pattern dictionary, extraction from the parse."""
