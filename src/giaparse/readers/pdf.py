"""PDF reader (placeholder until the real one lands)."""
