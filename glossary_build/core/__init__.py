"""What every stage shares: the data model, diagnostics, rules, config, collation, page paths.

Nothing here imports another stage; every stage may import from here.
"""
