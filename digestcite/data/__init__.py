"""Data shipped with digestcite: the outlet registry and the bundled sample corpus."""
