"""The pipeline that runs the stages: read, parse (cached, in parallel), link, check,
render only what changed, and write the site all or nothing."""
