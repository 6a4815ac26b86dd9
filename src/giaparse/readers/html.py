"""HTML reader (placeholder until the real one lands)."""
