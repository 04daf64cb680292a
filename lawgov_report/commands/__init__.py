"""CLI verbs, one module each; ``common`` holds what they share (printing findings, exit codes)."""
