"""Pure cleaning functions: decoders, extraction, block classification, metadata, dedup."""
