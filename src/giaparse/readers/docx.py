"""DOCX reader (placeholder until the real one lands)."""
