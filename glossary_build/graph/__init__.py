"""Stage 3, term graph: every entry by id, every reference resolved, backlinks and A–Z order.

Also what is derived from the graph alone: suggestions for broken references,
wanted terms, a patched graph for a single saved file, and the graph as data.
"""
