"""The build cache on disk: what a build keeps for the next one, sealed against tampering."""
