"""Machine-translation artifacts: what MT and content pipelines leave in a published article."""
