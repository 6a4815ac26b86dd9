"""Plain-text reader (placeholder until the real one lands)."""
